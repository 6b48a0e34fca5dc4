import Foundation

/// The memories.ai account a task is submitted and tracked on: an organisation's key, the
/// server's key, or the simulator. `fingerprint` names it without revealing the key.
struct UpstreamAccount: Sendable, Equatable {
    enum Kind: String, Sendable {
        case organization, server, simulator
    }

    var kind: Kind
    var keyId: Int64?
    var apiKey: String
    var fingerprint: String
    /// For pages: "Studio key (sk-…a1b2)", "the server's key", "the built-in simulator".
    var label: String
}
