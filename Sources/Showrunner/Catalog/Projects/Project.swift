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
