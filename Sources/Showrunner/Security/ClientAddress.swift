import HTTPTypes
import Foundation
import Hummingbird
import NIOCore

/// The client's IP address for throttling and logs.
enum ClientAddress {
    /// `X-Forwarded-For` is honoured only when configured (behind our own reverse proxy);
    /// otherwise anyone could claim any address.
    static func of(_ request: Request, context: AppRequestContext, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = request.headers[.xForwardedFor] {
            if let first = forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty {
                return first
            }
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
