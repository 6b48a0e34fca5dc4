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
    /// Decoded by hand, not through `Codable`: the drama page reads 50 per request, and the
    /// synthesized decoder was a tenth of its CPU. `decode` throws on a NULL or a wrong type
    /// where the subscript would trap.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        organizationId = try row.decode(forColumn: "organizationId")
        dramaId = try row.decode(forColumn: "dramaId")
        number = try row.decode(forColumn: "number")
        title = try row.decode(forColumn: "title")
        assetId = try row.decode(forColumn: "assetId")
        durationSeconds = try row.decode(forColumn: "durationSeconds")
        notes = try row.decode(forColumn: "notes")
        archivedAt = try row.decode(forColumn: "archivedAt")
        createdAt = try row.decode(forColumn: "createdAt")
        updatedAt = try row.decode(forColumn: "updatedAt")
    }
}
