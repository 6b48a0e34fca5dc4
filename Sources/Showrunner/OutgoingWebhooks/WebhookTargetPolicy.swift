import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where outgoing webhooks may go. Only http(s) URLs without credentials, and — unless the
/// operator allows it (`SHOWRUNNER_WEBHOOKS_ALLOW_PRIVATE`) — only to public addresses: a URL
/// naming or resolving to loopback, private, link-local (cloud metadata), CGNAT, multicast or
/// unspecified addresses is refused, so an admin cannot make the server probe its own network.
/// Checked when the URL is saved and again before every delivery (DNS can change).
struct WebhookTargetPolicy: Sendable {
    var allowsPrivateAddresses: Bool

    enum Refusal: Error, Equatable, CustomStringConvertible {
        case notHTTP, hasCredentials, noHost, tooLong, unresolvable(String), privateAddress(String)

        var description: String {
            switch self {
            case .notHTTP: "Use an http:// or https:// URL."
            case .hasCredentials: "Put no user name or password in the URL; verify deliveries with the signature instead."
            case .noHost: "The URL has no host."
            case .tooLong: "Use a URL of at most 2,000 characters."
            case .unresolvable(let host): "\(host) does not resolve to an address."
            case .privateAddress(let address):
                "\(address) is a loopback, private or link-local address; webhooks go only to public addresses (an operator can allow private ones with SHOWRUNNER_WEBHOOKS_ALLOW_PRIVATE)."
            }
        }
    }

    /// The URL, checked; throws `Refusal` otherwise.
    func check(_ text: String) throws -> URL {
        guard text.count <= 2000 else { throw Refusal.tooLong }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let url = components.url
        else { throw Refusal.notHTTP }
        guard components.user == nil, components.password == nil else { throw Refusal.hasCredentials }
        guard let host = components.host, !host.isEmpty else { throw Refusal.noHost }
        if allowsPrivateAddresses { return url }
        let addresses = Self.resolve(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        guard !addresses.isEmpty else { throw Refusal.unresolvable(host) }
        if let bad = addresses.first(where: Self.isPrivate) { throw Refusal.privateAddress(bad) }
        return url
    }

    /// Every address `host` resolves to (a literal address resolves to itself).
    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if let address = info.pointee.ai_addr,
                getnameinfo(address, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0
            {
                addresses.append(String(cString: buffer))
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    /// Loopback, private, link-local, CGNAT, multicast, unspecified, and IPv6 equivalents.
    static func isPrivate(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower.contains(":") {
            if let mapped = lower.range(of: "::ffff:") { return isPrivate(String(lower[mapped.upperBound...])) }
            return lower == "::1" || lower == "::" || lower.hasPrefix("fe8") || lower.hasPrefix("fe9") || lower.hasPrefix("fea")
                || lower.hasPrefix("feb") || lower.hasPrefix("fc") || lower.hasPrefix("fd") || lower.hasPrefix("ff")
        }
        let octets = lower.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return true }
        switch (octets[0], octets[1]) {
        case (0, _), (10, _), (127, _), (169, 254), (192, 168): return true
        case (172, 16...31), (100, 64...127), (198, 18...19): return true
        case (224...255, _): return true
        default: return false
        }
    }
}
