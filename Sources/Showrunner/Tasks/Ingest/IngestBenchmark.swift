import Foundation
import GRDB
import Logging

/// The `showrunner bench-ingest` workload: a simulator-generated zip ingested into a throwaway
/// file database (WAL, as in production) with the real migrations and the catalog and task
/// rows the foreign keys need. Only the ingest call is timed.
public enum IngestBenchmark {
    public struct Outcome: Sendable {
        public let summary: IngestSummary
        public let seconds: Double
    }

    /// The benchmark's episodes: demo assets with durations spread evenly over 2–5 minutes.
    public static func episodes(count: Int) -> [SimulatedResultArchive.Episode] {
        SimulatedResultArchive.demoEpisodes(count: count, spreading: 120...300)
    }

    /// Writes a `episodeCount`-episode JSON result zip from the simulator's content generator.
    public static func writeArchive(episodeCount: Int, to url: URL) throws {
        try SimulatedResultArchive.write(to: url, taskID: "bench-ingest", episodes: episodes(count: episodeCount))
    }

    /// Ingests the zip at `archive` (from `writeArchive` with the same `episodeCount`) into a
    /// fresh database under `workDirectory`.
    public static func run(
        archive: URL, episodeCount: Int, migrationsDirectory: URL, workDirectory: URL, logger: Logger
    ) async throws -> Outcome {
        let database = try AppDatabase.open(
            path: workDirectory.appendingPathComponent("bench-ingest.sqlite").path, migrationsDirectory: migrationsDirectory, logger: logger
        )
        let episodes = Self.episodes(count: episodeCount)
        let (organizationId, taskId, map) = try await database.writer.write { db in
            try insertTask(db, episodes: episodes)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await ResultIngest(database: database).ingest(
            archiveAt: archive, taskId: taskId, organizationId: organizationId, episodes: map
        )
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Outcome(summary: summary, seconds: seconds)
    }

    /// An organisation, project, drama, its episodes and one completed task over them.
    private static func insertTask(
        _ db: Database, episodes: [SimulatedResultArchive.Episode]
    ) throws -> (organizationId: Int64, taskId: Int64, map: [String: Int64?]) {
        let now = Date()
        try db.execute(sql: "INSERT INTO organization (slug, name, createdAt) VALUES ('bench', 'Bench', ?)", arguments: [now])
        let organizationId = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO project (organizationId, name, createdAt, updatedAt) VALUES (?, 'Bench', ?, ?)",
            arguments: [organizationId, now, now]
        )
        let projectId = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO drama (organizationId, projectId, title, createdAt, updatedAt) VALUES (?, ?, 'Bench', ?, ?)",
            arguments: [organizationId, projectId, now, now]
        )
        let dramaId = db.lastInsertedRowID
        try db.execute(
            sql: """
                INSERT INTO task (organizationId, projectId, dramaId, credentialKind, accountFingerprint, submitTokenHash, mode,
                    requestJSON, episodeCount, estimatedCostCents, status, createdAt, updatedAt)
                VALUES (?, ?, ?, 'simulator', 'bench', 'bench', 'short_drama', '{}', ?, 0, 'completed', ?, ?)
                """,
            arguments: [organizationId, projectId, dramaId, episodes.count, now, now]
        )
        let taskId = db.lastInsertedRowID
        var map: [String: Int64?] = [:]
        for (index, episode) in episodes.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO episode (organizationId, dramaId, number, assetId, durationSeconds, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [organizationId, dramaId, index + 1, "\(episode.assetID)-\(index)", episode.durationSeconds, now, now]
            )
            let episodeId = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, durationSeconds, estimatedCostCents)
                    VALUES (?, ?, ?, ?, ?, 0)
                    """,
                arguments: [taskId, index + 1, episodeId, episode.assetID, episode.durationSeconds]
            )
            map[episode.key] = episodeId
        }
        return (organizationId, taskId, map)
    }
}
