import Foundation
import GRDB

/// The `episodeVideo` and `videoFetch` rows: which file plays for an episode, and who is
/// fetching one from upstream.
struct EpisodeVideoRepository: Sendable {
    let database: AppDatabase

    /// What the player needs to know about an episode's footage.
    struct Source: Sendable, Equatable {
        let episodeId: Int64
        let organizationId: Int64
        /// The episode's asset now.
        let assetId: String
        /// The kept file, when it is of the current asset.
        let video: Video?
        /// Why the last fetch failed, and when, for the current asset.
        let failure: String?
        let failedAt: Date?
    }

    struct Video: Sendable, Equatable {
        let fileName: String
        let contentType: String
        let byteCount: Int64
        let source: String
        let lastServedAt: Date
    }

    /// The episode's asset and kept file; nil when the episode is not the organisation's.
    func source(organizationId: Int64, episodeId: Int64) async throws -> Source? {
        try await database.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT e.assetId, v.fileName, v.contentType, v.byteCount, v.source, v.lastServedAt, f.failure, f.failedAt
                FROM episode e
                LEFT JOIN episodeVideo v ON v.episodeId = e.id AND v.assetId = e.assetId
                LEFT JOIN videoFetch f ON f.episodeId = e.id AND f.assetId = e.assetId
                WHERE e.id = ? AND e.organizationId = ?
                """)
            guard let row = try Row.fetchOne(statement, arguments: [episodeId, organizationId]) else { return nil }
            var video: Video?
            if let fileName: String = row[1] {
                video = Video(fileName: fileName, contentType: row[2], byteCount: row[3], source: row[4], lastServedAt: row[5])
            }
            return Source(
                episodeId: episodeId, organizationId: organizationId, assetId: row[0], video: video, failure: row[6], failedAt: row[7])
        }
    }

    /// Claims the fetch of the episode's asset for `owner` until `expires`; false when another
    /// process holds it.
    func claimFetch(_ source: Source, owner: String, now: Date, expires: Date) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO videoFetch (episodeId, organizationId, assetId, leaseOwner, leaseExpiresAt)
                    VALUES (:episode, :org, :asset, :owner, :expires)
                    ON CONFLICT(episodeId) DO UPDATE SET
                      assetId = excluded.assetId, leaseOwner = excluded.leaseOwner, leaseExpiresAt = excluded.leaseExpiresAt,
                      failure = NULL, failedAt = NULL
                    WHERE videoFetch.leaseOwner IS NULL OR videoFetch.leaseExpiresAt < :now OR videoFetch.leaseOwner = :owner
                    """,
                arguments: ["episode": source.episodeId, "org": source.organizationId, "asset": source.assetId, "owner": owner,
                            "expires": expires, "now": now])
            return db.changesCount > 0
        }
    }

    /// Records the fetched file and ends the lease.
    func storeFetched(_ source: Source, fileName: String, contentType: String, byteCount: Int64, owner: String, now: Date) async throws -> String? {
        try await database.writer.write { db in
            let previous = try String.fetchOne(db, sql: "SELECT fileName FROM episodeVideo WHERE episodeId = ?", arguments: [source.episodeId])
            try db.execute(
                sql: """
                    INSERT INTO episodeVideo (episodeId, organizationId, assetId, fileName, contentType, byteCount, source, createdAt, lastServedAt)
                    VALUES (?, ?, ?, ?, ?, ?, 'download', ?, ?)
                    ON CONFLICT(episodeId) DO UPDATE SET
                      assetId = excluded.assetId, fileName = excluded.fileName, contentType = excluded.contentType,
                      byteCount = excluded.byteCount, source = excluded.source, createdAt = excluded.createdAt,
                      lastServedAt = excluded.lastServedAt
                    """,
                arguments: [source.episodeId, source.organizationId, source.assetId, fileName, contentType, byteCount, now, now])
            try db.execute(
                sql: "DELETE FROM videoFetch WHERE episodeId = ? AND leaseOwner = ?", arguments: [source.episodeId, owner])
            // The file of an older asset of this episode, now unreferenced.
            return previous == fileName ? nil : previous
        }
    }

    /// Ends the lease, remembering why the fetch failed.
    func recordFailure(_ source: Source, message: String, owner: String, now: Date) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE videoFetch SET leaseOwner = NULL, leaseExpiresAt = NULL, failure = ?, failedAt = ?
                    WHERE episodeId = ? AND leaseOwner = ?
                    """,
                arguments: [message, now, source.episodeId, owner])
        }
    }

    /// How stale `lastServedAt` may get before a request updates it.
    static let touchInterval: TimeInterval = 60

    /// Marks the file served (the eviction order).
    func touch(episodeId: Int64, now: Date) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE episodeVideo SET lastServedAt = ? WHERE episodeId = ?", arguments: [now, episodeId])
        }
    }

    /// Downloaded files to delete, least recently served first, until the downloads fit in
    /// `maxBytes` (uploads are never evicted). Their rows are gone when this returns.
    func evictDownloads(over maxBytes: Int64, keeping episodeId: Int64) async throws -> [String] {
        try await database.writer.write { db in
            var total = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(byteCount), 0) FROM episodeVideo WHERE source = 'download'") ?? 0
            guard total > maxBytes else { return [] }
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT episodeId, fileName, byteCount FROM episodeVideo WHERE source = 'download' AND episodeId != ? ORDER BY lastServedAt",
                arguments: [episodeId])
            var evicted: [String] = []
            for row in rows where total > maxBytes {
                try db.execute(sql: "DELETE FROM episodeVideo WHERE episodeId = ?", arguments: [row[0] as Int64])
                evicted.append(row[1])
                total -= row[2] as Int64
            }
            return evicted
        }
    }
}
