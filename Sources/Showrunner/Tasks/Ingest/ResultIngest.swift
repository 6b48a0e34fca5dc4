import Foundation
import GRDB
import NIOPosix

/// Ingests a task's downloaded result zip into the storyboard tables (0005_create_storyboards.sql).
///
/// The zip is opened and its layout and namelist checked first, on NIO's thread pool and
/// outside any transaction. Then one write transaction replaces whatever an earlier ingest of
/// the task stored, inserts the runs and their search entries, and runs the caller's `finish`
/// (which marks the task ingested), so either all of it is committed or none. Episodes are
/// decoded and checked on a thread of their own while the transaction writes the previous
/// ones; a bad file met half-way rolls the transaction back.
public struct ResultIngest: Sendable {
    let database: AppDatabase
    let now: @Sendable () -> Date

    /// Parsed episodes waiting for the writer: enough to keep it busy, few enough to keep
    /// memory flat however large the zip.
    static let parsedEpisodesAhead = 4

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
        let parser = try await NIOThreadPool.singleton.runIfActive {
            try ResultParser(archiveAt: url, episodes: episodes, limits: limits)
        }
        let parsed = parser.result
        let handOff = BlockingHandOff<ParsedResult.Episode>(capacity: Self.parsedEpisodesAhead)
        async let parsing: Void = Self.parseEpisodes(parser, into: handOff)
        let ingestedAt = now()
        do {
            let summary = try await database.writer.write { db in
                let writer = try StoryboardWriter(db: db, taskId: taskId, organizationId: organizationId, ingestedAt: ingestedAt)
                let indexer = SearchIndexer(db: db)
                try writer.deletePreviousResults()
                let cast = try parsed.namelist.map { try writer.insertCast($0) } ?? [:]
                var stored: [IngestSummary.Episode] = []
                while let episode = try handOff.next() {
                    let run = try writer.insert(episode, cast: cast)
                    stored.append(run)
                    // A new run is current unless someone chose another: search follows the current run.
                    if let episodeId = run.episodeId {
                        try indexer.indexIngestedRun(
                            run.runId, episodeId: episodeId, organizationId: organizationId, entries: episode.searchEntries
                        )
                    }
                }
                let summary = IngestSummary(
                    taskId: taskId, episodes: stored, characterCount: cast.count, workbooks: parsed.workbooks,
                    missingEpisodeKeys: parsed.missingEpisodeKeys, ignoredEntries: parsed.ignoredEntries
                )
                try finish(db, summary)
                return summary
            }
            await parsing
            return summary
        } catch {
            handOff.cancel()
            await parsing
            throw error
        }
    }

    /// Decodes and checks the episodes one by one into `handOff`, then finishes it (with the
    /// first `ResultIngestError`, if any).
    private static func parseEpisodes(_ parser: ResultParser, into handOff: BlockingHandOff<ParsedResult.Episode>) async {
        do {
            // Its own thread: it blocks whenever it is ahead of the writer.
            try await DedicatedThread.run(named: "showrunner-ingest-parse") {
                var parser = parser
                while let episode = try parser.next() {
                    try handOff.send(episode)
                }
            }
            handOff.finish()
        } catch {
            handOff.finish(throwing: error)
        }
    }
}
