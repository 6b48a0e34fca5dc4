import Foundation
import GRDB

/// One Showrunner API key (`shr_…`) of an organisation. Only its hash is stored; it acts as
/// its creator, with at most `role` and, when `readOnly`, only reads.
struct APIKey: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    var id: Int64
    var organizationId: Int64
    var userId: Int64?
    var name: String
    var prefix: String
    var secretHash: String
    var role: Role
    var readOnly: Bool
    var expiresAt: Date?
    var createdAt: Date
    var lastUsedAt: Date?
    var lastUsedAddress: String?
    var revokedAt: Date?
    var revokedByUserId: Int64?

    static let databaseTableName = "apiKey"

    /// Every secret starts with this, so a leaked one is recognisable (and scannable).
    static let secretPrefix = "shr_"
    /// Characters of the secret kept in clear to tell keys apart in lists: `shr_` and 8 more.
    static let visiblePrefixLength = 12

    func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }
    var isRevoked: Bool { revokedAt != nil }

    /// What lists show instead of the secret.
    var maskedSecret: String { "\(prefix)…" }
}

/// A newly created key with its secret, which exists only in this value.
struct CreatedAPIKey: Sendable {
    var key: APIKey
    var secret: String
}
