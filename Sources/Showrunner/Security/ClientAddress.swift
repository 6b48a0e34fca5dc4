import HTTPTypes
import Foundation
import Hummingbird
import NIOCore

/// The client's IP address for throttling and logs.
enum ClientAddress {
    /// `X-Forwarded-For` is honoured only when configured (behind our own reverse proxy);
    /// otherwise anyone could claim any address. The proxy appends the address it saw, so the
    /// rightmost entry is the one the client cannot forge.
    static func of(_ request: Request, context: AppRequestContext, trustForwardedFor: Bool) -> String {
        of(remote: context.remoteAddress, headers: request.headers, trustForwardedFor: trustForwardedFor)
    }

    static func of(remote: SocketAddress?, headers: HTTPFields, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = headers[.xForwardedFor] {
            if let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
                return last
            }
        }
        return remote?.ipAddress ?? "unknown"
    }
}
