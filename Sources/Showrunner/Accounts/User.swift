import Foundation
import GRDB

/// A person who can log in. Belongs to organisations through `Membership`.
public struct User: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var email: String
    public var displayName: String
    public var passwordHash: String
    public var lastOrganizationId: Int64?
    public var createdAt: Date
    public var passwordChangedAt: Date

    public static let databaseTableName = "user"

    /// Emails are compared case-insensitively and without surrounding spaces.
    static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
