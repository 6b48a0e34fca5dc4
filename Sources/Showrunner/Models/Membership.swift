import Foundation
import GRDB

/// A user's role in one organisation.
public struct Membership: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var organizationId: Int64
    public var userId: Int64
    public var role: Role
    public var createdAt: Date

    public static let databaseTableName = "membership"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
