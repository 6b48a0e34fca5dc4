import Foundation
import MemoriesClient

/// Upstream failures in words for the timeline and the forms; never includes the key.
enum UpstreamMessage {
    /// Upstream text made safe to store and show: bounded, and with the account's key (which
    /// a hostile upstream could echo back) removed.
    static func clean(_ text: String, hiding secret: String? = nil) -> String {
        var text = text
        if let secret, secret.count >= 8 { text = text.replacingOccurrences(of: secret, with: "sk-…") }
        return text.count > 1_000 ? String(text.prefix(1_000)) + "…" : text
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? MemoriesError { return error.description }
        if error is CancellationError { return "The server is shutting down." }
        return "An unexpected error occurred (\(type(of: error)))."
    }
}
