import Foundation
import GRDB
import NIOPosix

/// Ingests a task's downloaded result zip into the storyboard tables (0005_create_storyboards.sql).
///
/// The zip is opened and fully parsed and checked first, on NIO's thread pool and outside any
/// transaction; then one write transaction replaces whatever an earlier ingest of the task
/// stored, inserts the runs, and runs the caller's `finish` (which marks the task ingested),
/// so either all of it is committed or none.
public struct ResultIngest: Sendable {
    let database: AppDatabase
    let now: @Sendable () -> Date

    public init(database: AppDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// - Parameters:
    ///   - url: the kept zip.
    ///   - episodes: the task's episode map, episode key (`"3"`) → catalog episode id, nil
    ///     when that catalog episode has been deleted since.
    ///   - finish: runs inside the write transaction after the inserts; throwing rolls it all back.
    /// - Returns: what was stored.
    /// - Throws: `ResultIngestError` for anything wrong with the zip or its files (nothing is
    ///   written then); database errors as GRDB throws them.
    public func ingest(
        archiveAt url: URL,
        taskId: Int64,
        organizationId: Int64,
        episodes: [String: Int64?],
        limits: ArchiveLimits = .default,
        inTransaction finish: @escaping @Sendable (Database, IngestSummary) throws -> Void = { _, _ in }
    ) async throws -> IngestSummary {
        // Parsing is blocking file work and CPU: keep it off the async executors.
        let parsed = try await NIOThreadPool.singleton.runIfActive {
            try ResultParser.parse(archiveAt: url, episodes: episodes, limits: limits)
        }
        let ingestedAt = now()
        return try await database.writer.write { db in
            let writer = try StoryboardWriter(db: db, taskId: taskId, organizationId: organizationId, ingestedAt: ingestedAt)
            try writer.deletePreviousResults()
            let cast = try parsed.namelist.map { try writer.insertCast($0) } ?? [:]
            var stored: [IngestSummary.Episode] = []
            stored.reserveCapacity(parsed.episodes.count)
            for episode in parsed.episodes {
                stored.append(try writer.insert(episode, cast: cast))
            }
            // A new run is current unless someone chose another: search follows the current run.
            let indexer = SearchIndexer(db: db)
            for episodeId in Set(stored.compactMap(\.episodeId)) {
                try indexer.reindexEpisode(episodeId, organizationId: organizationId)
            }
            let summary = IngestSummary(
                taskId: taskId, episodes: stored, characterCount: cast.count, workbooks: parsed.workbooks,
                missingEpisodeKeys: parsed.missingEpisodeKeys, ignoredEntries: parsed.ignoredEntries
            )
            try finish(db, summary)
            return summary
        }
    }
}
