import Foundation
import GRDB

/// One task's reads: the task page, the live stream and the downloads.
extension TaskRepository {
    /// The task with its timeline, episodes and per-episode results, in one read.
    struct Detail: Sendable {
        var task: TaskRecord
        var drama: Drama
        var project: Project
        var events: [EventRow]
        var episodes: [EpisodeRow]
        var submitterName: String?
        var attempts: Int
    }

    struct EventRow: Sendable, FetchableRecord {
        var id: Int64
        var kind: String
        var message: String
        var actorName: String?
        var createdAt: Date

        // By hand rather than `Codable`: a task page decodes every event and episode row.
        init(row: Row) throws {
            id = try row.decode(forColumn: "id")
            kind = try row.decode(forColumn: "kind")
            message = try row.decode(forColumn: "message")
            actorName = try row.decode(forColumn: "actorName")
            createdAt = try row.decode(forColumn: "createdAt")
        }
    }

    struct EpisodeRow: Sendable, FetchableRecord {
        var episodeNumber: Int
        var episodeId: Int64?
        var assetId: String
        var durationSeconds: Double?
        var estimatedCostCents: Int
        var sceneCount: Int?
        var shotCount: Int?
        var lineCount: Int?

        init(row: Row) throws {
            episodeNumber = try row.decode(forColumn: "episodeNumber")
            episodeId = try row.decode(forColumn: "episodeId")
            assetId = try row.decode(forColumn: "assetId")
            durationSeconds = try row.decode(forColumn: "durationSeconds")
            estimatedCostCents = try row.decode(forColumn: "estimatedCostCents")
            sceneCount = try row.decode(forColumn: "sceneCount")
            shotCount = try row.decode(forColumn: "shotCount")
            lineCount = try row.decode(forColumn: "lineCount")
        }
    }

    func findWithDramaTitle(organizationId: Int64, id: Int64) async throws -> (task: TaskRecord, dramaTitle: String)? {
        try await database.read { db in
            guard let task = try Self.find(organizationId: organizationId, id: id, in: db),
                let title = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM drama WHERE id = ?"), arguments: [task.dramaId])
            else { return nil }
            return (task, title)
        }
    }

    /// The task and the timeline entries after `eventsAfter`, for the live stream.
    func progress(organizationId: Int64, id: Int64, eventsAfter: Int64) async throws -> (TaskRecord, [EventRow])? {
        try await database.read { db in
            guard let task = try Self.find(organizationId: organizationId, id: id, in: db)
            else { return nil }
            return (task, try Self.events(taskId: id, after: eventsAfter, in: db))
        }
    }

    static func events(taskId: Int64, after: Int64 = 0, in db: Database) throws -> [EventRow] {
        try EventRow.fetchAll(
            db.cachedStatement(sql: """
                SELECT e.id, e.kind, e.message, u.displayName AS actorName, e.createdAt
                FROM taskEvent e LEFT JOIN user u ON u.id = e.actorUserId WHERE e.taskId = ? AND e.id > ? ORDER BY e.id
                """),
            arguments: [taskId, after]
        )
    }

    func detail(organizationId: Int64, id: Int64) async throws -> Detail? {
        try await database.read { db in
            guard let task = try Self.find(organizationId: organizationId, id: id, in: db),
                let found = try DramaRepository.find(organizationId: organizationId, id: task.dramaId, in: db)
            else { return nil }
            let events = try Self.events(taskId: id, in: db)
            let episodes = try EpisodeRow.fetchAll(
                db.cachedStatement(sql: """
                    SELECT te.episodeNumber, te.episodeId, te.assetId, te.durationSeconds, te.estimatedCostCents,
                           r.sceneCount, r.shotCount, r.lineCount
                    FROM taskEpisode te LEFT JOIN storyboardRun r ON r.taskId = te.taskId AND r.episodeNumber = te.episodeNumber
                    WHERE te.taskId = ? ORDER BY te.episodeNumber
                    """),
                arguments: [id]
            )
            let submitter = try String.fetchOne(db.cachedStatement(sql: "SELECT displayName FROM user WHERE id = ?"), arguments: [task.submittedByUserId])
            let attempts = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM submitAttempt WHERE taskId = ?"), arguments: [id]) ?? 0
            return Detail(
                task: task, drama: found.drama, project: found.project, events: events, episodes: episodes,
                submitterName: submitter, attempts: attempts
            )
        }
    }
}
