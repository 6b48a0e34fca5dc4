import Crypto
import Foundation

/// `Showrunner-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the
/// receiver recomputes it with the endpoint's secret, compares in constant time, and rejects
/// old timestamps (replays). The scheme is Stripe's, which receivers' libraries already know.
enum WebhookSigner {
    static let header = "Showrunner-Signature"
    static let secretPrefix = "whsec_"

    static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// What a receiver does (and the tests do): true when `header` signs `body` with `secret`
    /// within `tolerance` seconds of `now`.
    static func verify(header: String, secret: String, body: [UInt8], now: Date = Date(), tolerance: TimeInterval = 300) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = signature(secret: secret, timestamp: timestamp, body: body).split(separator: "=").last.map(String.init) ?? ""
        return signatures.contains { SecureToken.constantTimeEquals($0, expected) }
    }
}
