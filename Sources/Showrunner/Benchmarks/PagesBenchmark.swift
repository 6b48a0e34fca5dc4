import Foundation
import GRDB
import Logging
import MemoriesClient
import MemoriesSimulator

/// The `showrunner bench-pages --prepare` workload (benchmarks/pages.sh): the large data set
/// every main page is measured on, written through the real migrations and the real
/// `ResultIngest` (so storyboards, search entries and characters are what a download leaves):
///
/// - 10 organisations, each with its owner; 5 projects each (50), 2 dramas per project, 50
///   episodes per drama (5,000 episodes);
/// - one completed, ingested task per drama: 25 scenes, ~100 shots and ~200 lines an episode
///   (~500,000 shots, ~1,000,000 lines), and 20 older failed or cancelled tasks per organisation;
/// - in the first organisation, a drama with one 1,000-scene episode and review comments on
///   the first episode.
///
/// The benchmark user owns the first organisation; the other nine are the neighbours whose
/// rows every tenant query must skip by index, not by scan.
public enum PagesBenchmark {
    public static let email = "pages-bench@example.com"
    public static let password = "pages benchmark passphrase"
    static let organizations = 10
    static let projectsPerOrganization = 5
    static let dramasPerProject = 2
    static let episodesPerDrama = 50
    static let olderTasksPerOrganization = 20
    static let episodeShape = StoryboardBenchmark.Shape(scenes: 25, shots: 100, lines: 225)

    /// What the script needs to address the pages.
    public struct Prepared: Sendable {
        public let organizationSlug: String
        public let projectId: Int64
        public let dramaId: Int64
        public let taskId: Int64
        public let episodeId: Int64
        public let stressEpisodeId: Int64
        public let totals: Totals
        public let seconds: Double
    }

    public struct Totals: Sendable, CustomStringConvertible {
        public let organizations: Int
        public let projects: Int
        public let episodes: Int
        public let tasks: Int
        public let shots: Int
        public let lines: Int

        public var description: String {
            "\(organizations) organisations, \(projects) projects, \(episodes) episodes, \(tasks) tasks, \(shots) shots, \(lines) lines"
        }
    }

    /// Builds the data set in a fresh database at `databasePath`.
    public static func prepare(
        databasePath: String, migrationsDirectory: URL, bcryptCost: UInt8 = 12, logger: Logger,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> Prepared {
        let clock = ContinuousClock()
        let start = clock.now
        let database = try AppDatabase.open(path: databasePath, migrationsDirectory: migrationsDirectory, logger: logger)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let pool = StoryboardBenchmark.ScenePool.make()

        var first: (slug: String, organizationId: Int64, userId: Int64, drama: Drama)?
        for organization in 1...organizations {
            // Only the benchmark user logs in: the neighbours' hashes may be cheap.
            let admin = try await AdminTasks.createAdmin(
                database: database, email: organization == 1 ? email : "pages-bench-\(organization)@example.com",
                displayName: "Pages Owner \(organization)", password: password, organization: "Pages Bench \(organization)",
                bcryptCost: organization == 1 ? bcryptCost : 4
            )
            let organizationId = admin.organization.id
            var dramaIndex = 0
            for project in 1...projectsPerOrganization {
                let projectId = try await database.writer.write { db in
                    try insertProject(db, organizationId: organizationId, number: project)
                }
                for _ in 1...dramasPerProject {
                    dramaIndex += 1
                    let drama = try await addDrama(
                        database: database, pool: pool, work: work, organizationId: organizationId, projectId: projectId,
                        userId: admin.user.id, title: "Drama \(organization)-\(dramaIndex)",
                        shapes: Array(repeating: episodeShape, count: episodesPerDrama), seed: organization * 1_000 + dramaIndex
                    )
                    if first == nil { first = (admin.organization.slug, organizationId, admin.user.id, drama) }
                }
                progress("organisation \(organization)/\(organizations): project \(project)/\(projectsPerOrganization)")
            }
            try await database.writer.write { db in
                try insertOlderTasks(db, organizationId: organizationId, userId: admin.user.id)
            }
        }
        guard let first else { throw StoryboardBenchmark.BenchmarkError("no organisation was made") }
        let stress = try await addDrama(
            database: database, pool: pool, work: work, organizationId: first.organizationId, projectId: first.drama.projectId,
            userId: first.userId, title: "Stress", shapes: [StoryboardBenchmark.Shape.stress], seed: 7
        )
        guard let episode = first.drama.episodes.first, let stressEpisode = stress.episodes.first else {
            throw StoryboardBenchmark.BenchmarkError("ingest stored no episodes")
        }
        _ = try await StoryboardBenchmark.addComments(
            database: database, organizationId: first.organizationId, episodeId: episode.id, runId: episode.runId,
            sceneCount: episodeShape.scenes, userId: first.userId
        )
        try await database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "ANALYZE")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return Prepared(
            organizationSlug: first.slug, projectId: first.drama.projectId, dramaId: first.drama.id, taskId: first.drama.taskId,
            episodeId: episode.id, stressEpisodeId: stressEpisode.id, totals: try await totals(database),
            seconds: (clock.now - start).seconds
        )
    }

    struct Drama {
        let id: Int64
        let projectId: Int64
        let taskId: Int64
        let episodes: [(id: Int64, runId: Int64)]
    }

    /// A drama with one episode per shape and one completed task over them, ingested from a
    /// result zip as the tracker would.
    private static func addDrama(
        database: AppDatabase, pool: StoryboardBenchmark.ScenePool, work: URL, organizationId: Int64, projectId: Int64,
        userId: Int64, title: String, shapes: [StoryboardBenchmark.Shape], seed: Int
    ) async throws -> Drama {
        let results = StoryboardBenchmark.results(
            shapes.enumerated().map { index, shape in
                (key: "\(index + 1)", assetID: "re_pages_\(seed)_\(index + 1)", shape: shape, seed: seed * 131 + index)
            },
            from: pool
        )
        let zip = work.appendingPathComponent("result-\(seed).zip")
        try StoryboardBenchmark.write(results, to: zip)
        defer { try? FileManager.default.removeItem(at: zip) }
        let (dramaId, taskId, episodeIds) = try await database.writer.write { db in
            try insertDramaAndTask(db, organizationId: organizationId, projectId: projectId, userId: userId, title: title, results: results)
        }
        let summary = try await ResultIngest(database: database).ingest(
            archiveAt: zip, taskId: taskId, organizationId: organizationId,
            episodes: episodeIds.mapValues { Optional($0) },
            inTransaction: { db, _ in
                try db.execute(sql: "UPDATE task SET resultStatus = 'ingested' WHERE id = ?", arguments: [taskId])
            }
        )
        let episodes = summary.episodes.compactMap { episode in episode.episodeId.map { (id: $0, runId: episode.runId) } }
        return Drama(id: dramaId, projectId: projectId, taskId: taskId, episodes: episodes.sorted { $0.id < $1.id })
    }

    private static func insertProject(_ db: Database, organizationId: Int64, number: Int) throws -> Int64 {
        let now = Date()
        try db.execute(
            sql: "INSERT INTO project (organizationId, name, description, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [organizationId, "Season \(number)", "Large data set, project \(number)", now, now]
        )
        return db.lastInsertedRowID
    }

    private static func insertDramaAndTask(
        _ db: Database, organizationId: Int64, projectId: Int64, userId: Int64, title: String, results: GeneratedResults
    ) throws -> (dramaId: Int64, taskId: Int64, episodeIds: [String: Int64]) {
        let now = Date()
        try db.execute(
            sql: "INSERT INTO drama (organizationId, projectId, title, language, createdAt, updatedAt) VALUES (?, ?, ?, 'zh-CN', ?, ?)",
            arguments: [organizationId, projectId, title, now, now]
        )
        let dramaId = db.lastInsertedRowID
        let cents = results.storyboards.reduce(0) { $0 + Int(($1.durationSeconds / 60).rounded(.up)) * 100 }
        try db.execute(
            sql: """
                INSERT INTO task (organizationId, projectId, dramaId, credentialKind, accountFingerprint, submitTokenHash, mode,
                    requestJSON, episodeCount, estimatedCostCents, status, resultStatus, upstreamTaskId, submittedByUserId,
                    createdAt, updatedAt)
                VALUES (?, ?, ?, 'simulator', 'bench-pages', ?, 'short_drama', '{}', ?, ?, 'completed', 'ingesting', ?, ?, ?, ?)
                """,
            arguments: [organizationId, projectId, dramaId, UUID().uuidString, results.storyboards.count, cents,
                        "bench-pages-\(dramaId)", userId, now, now]
        )
        let taskId = db.lastInsertedRowID
        let insertEpisode = try db.cachedStatement(sql: """
            INSERT INTO episode (organizationId, dramaId, number, title, assetId, durationSeconds, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertTaskEpisode = try db.cachedStatement(sql: """
            INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, durationSeconds, estimatedCostCents)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        var episodeIds: [String: Int64] = [:]
        for storyboard in results.storyboards {
            guard let number = Int(storyboard.episode) else { continue }
            let cost = Int((storyboard.durationSeconds / 60).rounded(.up)) * 100
            try insertEpisode.execute(arguments: [
                organizationId, dramaId, number, "Episode \(number)", storyboard.assetID, storyboard.durationSeconds, now, now,
            ])
            let episodeId = db.lastInsertedRowID
            try insertTaskEpisode.execute(arguments: [taskId, number, episodeId, storyboard.assetID, storyboard.durationSeconds, cost])
            episodeIds[storyboard.episode] = episodeId
        }
        return (dramaId, taskId, episodeIds)
    }

    /// Earlier attempts that ended without a result, spread over the organisation's dramas,
    /// so the task history has pages of mixed states.
    private static func insertOlderTasks(_ db: Database, organizationId: Int64, userId: Int64) throws {
        let dramas = try Row.fetchAll(db, sql: "SELECT id, projectId FROM drama WHERE organizationId = ? ORDER BY id", arguments: [organizationId])
        guard !dramas.isEmpty else { return }
        let insertTask = try db.cachedStatement(sql: """
            INSERT INTO task (organizationId, projectId, dramaId, credentialKind, accountFingerprint, submitTokenHash, mode,
                requestJSON, episodeCount, estimatedCostCents, status, errorCode, errorMessage, submittedByUserId, createdAt, updatedAt)
            VALUES (?, ?, ?, 'simulator', 'bench-pages', ?, 'short_drama', '{}', 3, 900, ?, ?, ?, ?, ?, ?)
            """)
        let insertTaskEpisode = try db.cachedStatement(sql: """
            INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, durationSeconds, estimatedCostCents)
            SELECT ?, number, id, assetId, durationSeconds, 300 FROM episode WHERE dramaId = ? AND number <= 3
            """)
        for index in 0..<olderTasksPerOrganization {
            let drama = dramas[index % dramas.count]
            let failed = index % 3 != 0
            let createdAt = Date().addingTimeInterval(-Double(86_400 * (olderTasksPerOrganization - index)))
            try insertTask.execute(arguments: [
                organizationId, drama["projectId"], drama["id"], UUID().uuidString, failed ? "failed" : "cancelled",
                failed ? "VIDEO_DECODE_FAILED" : nil, failed ? "The video of episode 2 could not be decoded." : nil, userId,
                createdAt, createdAt,
            ])
            try insertTaskEpisode.execute(arguments: [db.lastInsertedRowID, drama["id"]])
        }
    }

    private static func totals(_ database: AppDatabase) async throws -> Totals {
        try await database.writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM organization), (SELECT COUNT(*) FROM project), (SELECT COUNT(*) FROM episode),
                       (SELECT COUNT(*) FROM task), (SELECT COUNT(*) FROM storyboardShot), (SELECT COUNT(*) FROM dialogueLine)
                """)
            return Totals(
                organizations: row?[0] ?? 0, projects: row?[1] ?? 0, episodes: row?[2] ?? 0, tasks: row?[3] ?? 0,
                shots: row?[4] ?? 0, lines: row?[5] ?? 0)
        }
    }
}
