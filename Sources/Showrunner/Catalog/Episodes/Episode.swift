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
