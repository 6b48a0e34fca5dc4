import Foundation
import GRDB

/// A user's role in one organisation.
public struct Membership: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var organizationId: Int64
    public var userId: Int64
    public var role: Role
    public var createdAt: Date

    public static let databaseTableName = "membership"

    @discardableResult
    static func insert(organizationId: Int64, userId: Int64, role: Role, now: Date, in db: Database) throws -> Membership {
        try db.insertReturning(Membership.self, ["organizationId": organizationId, "userId": userId, "role": role.rawValue, "createdAt": now])
    }
}
