import Foundation
import GRDB

/// One episode: a video already uploaded to memories.ai, known there by its asset id.
public struct Episode: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var id: Int64
    public var organizationId: Int64
    public var dramaId: Int64
    public var number: Int
    public var title: String
    public var assetId: String
    public var durationSeconds: Double?
    public var notes: String
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public static let databaseTableName = "episode"
}

extension Episode {
    /// The table's columns in their order, which `init(row:)` reads by position (every query
    /// selects `*` or `e.*`, extra columns after them); a test holds this to the table.
    static let columns = [
        "id", "organizationId", "dramaId", "number", "title", "assetId", "durationSeconds", "notes", "archivedAt", "createdAt", "updatedAt",
    ]

    /// Decoded by hand, not through `Codable`: the drama page reads 50 per request, and the
    /// synthesized decoder was a tenth of its CPU; by position, as looking a column up by name
    /// lowercases it for every row. `decode` throws on a NULL or a wrong type where the
    /// subscript would trap.
    public init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        organizationId = try row.decode(atIndex: 1)
        dramaId = try row.decode(atIndex: 2)
        number = try row.decode(atIndex: 3)
        title = try row.decode(atIndex: 4)
        assetId = try row.decode(atIndex: 5)
        durationSeconds = try row.decode(atIndex: 6)
        notes = try row.decode(atIndex: 7)
        archivedAt = try row.storedDateIfPresent(atIndex: 8)
        createdAt = try row.storedDate(atIndex: 9)
        updatedAt = try row.storedDate(atIndex: 10)
    }
}
