import Foundation
import GRDB

/// A production (a show, a season, a client job) holding dramas.
public struct Project: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var organizationId: Int64
    public var name: String
    public var description: String
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// Monthly spend limit for screenplay tasks, in US cents (nil: none).
    public var monthlyBudgetCents: Int?

    public static let databaseTableName = "project"
}

extension Project {
    /// The table's columns in their order, which `init(row:)` reads by position (queries select
    /// `*` or `p.*`); a test holds this to the table.
    static let columns = ["id", "organizationId", "name", "description", "archivedAt", "createdAt", "updatedAt", "monthlyBudgetCents"]

    /// By hand and by position, as `Episode`.
    public init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        organizationId = try row.decode(atIndex: 1)
        name = try row.decode(atIndex: 2)
        description = try row.decode(atIndex: 3)
        archivedAt = try row.storedDateIfPresent(atIndex: 4)
        createdAt = try row.storedDate(atIndex: 5)
        updatedAt = try row.storedDate(atIndex: 6)
        monthlyBudgetCents = try row.decode(atIndex: 7)
    }
}
