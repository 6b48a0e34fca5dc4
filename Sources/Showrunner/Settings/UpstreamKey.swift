import Foundation
import GRDB

/// One memories.ai API key of an organisation. The key itself is only ever held sealed.
struct UpstreamKey: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    var id: Int64
    var organizationId: Int64
    var name: String
    var sealedKey: Data
    var lastFour: String
    var fingerprint: String
    var isDefault: Bool
    var disabledAt: Date?
    var lastTestedAt: Date?
    var lastTestOutcome: String?
    var createdByUserId: Int64?
    var createdAt: Date

    static let databaseTableName = "upstreamKey"

    /// What pages show instead of the key: `sk-…a1b2`.
    var maskedKey: String { "sk-…\(lastFour)" }
}
