import Foundation
import GRDB

/// Review decisions, the choice of an episode's current run, and the review history. Every
/// method takes the organisation id; a run must belong to the named episode.
public struct ReviewRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public static let maximumReasonLength = 2000

    public enum Decision: Sendable, Equatable {
        case approve
        case requestChanges(reason: String)
        /// Back to "not reviewed".
        case reopen
    }

    /// Records a decision on `runId` of the episode and appends it to the history.
    public func decide(_ decision: Decision, organizationId: Int64, episodeId: Int64, runId: Int64, userId: Int64) async throws {
        let now = Date()
        try await database.writer.write { db in
            let taskId = try Self.requireRun(runId, episodeId: episodeId, organizationId: organizationId, in: db)
            let action: String
            var reason = ""
            switch decision {
            case .approve:
                action = "approved"
                try db.execute(
                    sql: """
                        INSERT INTO runReview (runId, status, reason, decidedByUserId, decidedAt) VALUES (?, 'approved', '', ?, ?)
                        ON CONFLICT (runId) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                            decidedByUserId = excluded.decidedByUserId, decidedAt = excluded.decidedAt
                        """,
                    arguments: [runId, userId, now]
                )
            case .requestChanges(let text):
                reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { throw DomainError.invalid("Say what needs to change.") }
                guard reason.count <= Self.maximumReasonLength else {
                    throw DomainError.invalid("Keep the reason under \(Self.maximumReasonLength) characters.")
                }
                action = "needs_changes"
                try db.execute(
                    sql: """
                        INSERT INTO runReview (runId, status, reason, decidedByUserId, decidedAt) VALUES (?, 'needs_changes', ?, ?, ?)
                        ON CONFLICT (runId) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                            decidedByUserId = excluded.decidedByUserId, decidedAt = excluded.decidedAt
                        """,
                    arguments: [runId, reason, userId, now]
                )
            case .reopen:
                try db.execute(sql: "DELETE FROM runReview WHERE runId = ?", arguments: [runId])
                guard db.changesCount > 0 else { throw DomainError.conflict("This storyboard has not been reviewed yet.") }
                action = "reopened"
            }
            try Self.record(action, reason: reason, organizationId: organizationId, episodeId: episodeId, runId: runId, taskId: taskId, userId: userId, now: now, in: db)
            if case .approve = decision {
                let dramaId = try Int64.fetchOne(db, sql: "SELECT dramaId FROM episode WHERE id = ? AND organizationId = ?", arguments: [episodeId, organizationId])
                try WebhookOutbox.enqueue(
                    .storyboardApproved, organizationId: organizationId,
                    data: ["episode_id": episodeId, "run_id": runId, "task_id": taskId, "drama_id": dramaId ?? 0, "approved_by_user_id": userId],
                    now: now, in: db
                )
            }
        }
    }

    /// Makes `runId` the episode's current run; newer ingests no longer replace it.
    public func chooseRun(organizationId: Int64, episodeId: Int64, runId: Int64, userId: Int64) async throws {
        let now = Date()
        try await database.writer.write { db in
            let taskId = try Self.requireRun(runId, episodeId: episodeId, organizationId: organizationId, in: db)
            try db.execute(
                sql: """
                    INSERT INTO episodeRunChoice (episodeId, organizationId, runId, chosenByUserId, chosenAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (episodeId) DO UPDATE SET runId = excluded.runId, chosenByUserId = excluded.chosenByUserId,
                        chosenAt = excluded.chosenAt
                    """,
                arguments: [episodeId, organizationId, runId, userId, now]
            )
            try Self.record("run_chosen", reason: "", organizationId: organizationId, episodeId: episodeId, runId: runId, taskId: taskId, userId: userId, now: now, in: db)
            try SearchIndexer(db: db).reindexEpisode(episodeId, organizationId: organizationId)
        }
    }

    /// The episode's runs, newest first, with who chose the current one and each run's state.
    public func runs(organizationId: Int64, episodeId: Int64) async throws -> [RunSummary] {
        try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.taskId, r.ingestedAt, r.sceneCount, r.shotCount, r.lineCount, r.language,
                           r.id = cur.runId, c.runId = r.id, cu.displayName, c.chosenAt, rv.status
                    FROM storyboardRun r
                    JOIN episodeCurrentRun cur ON cur.episodeId = r.episodeId
                    LEFT JOIN episodeRunChoice c ON c.episodeId = r.episodeId
                    LEFT JOIN user cu ON cu.id = c.chosenByUserId
                    LEFT JOIN runReview rv ON rv.runId = r.id
                    WHERE r.episodeId = ? AND r.organizationId = ?
                    ORDER BY r.ingestedAt DESC, r.id DESC
                    """,
                arguments: [episodeId, organizationId]
            )
            return rows.map { row in
                let chosen: Bool = row[8] ?? false
                return RunSummary(
                    id: row[0], taskId: row[1], ingestedAt: row[2], sceneCount: row[3], shotCount: row[4], lineCount: row[5],
                    language: row[6], isCurrent: row[7] ?? false, chosenBy: chosen ? (row[9] as String?) ?? "a former member" : nil,
                    chosenAt: chosen ? row[10] : nil, review: (row[11] as String?).flatMap(ReviewStatus.init(rawValue:))
                )
            }
        }
    }

    public struct RunSummary: Sendable, Equatable {
        public var id: Int64
        public var taskId: Int64
        public var ingestedAt: Date
        public var sceneCount: Int
        public var shotCount: Int
        public var lineCount: Int
        public var language: String
        public var isCurrent: Bool
        /// Set when a person pinned this run as current.
        public var chosenBy: String?
        public var chosenAt: Date?
        public var review: ReviewStatus?
    }

    public struct HistoryEntry: Sendable, Equatable {
        public var action: String
        public var reason: String
        public var taskId: Int64?
        public var who: String
        public var at: Date
    }

    /// Every review action on the episode, newest first (kept across runs).
    public func history(organizationId: Int64, episodeId: Int64, limit: Int = 50) async throws -> [HistoryEntry] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT ev.action, ev.reason, ev.taskId, u.displayName, ev.createdAt FROM reviewEvent ev
                    LEFT JOIN user u ON u.id = ev.userId
                    WHERE ev.episodeId = ? AND ev.organizationId = ? ORDER BY ev.id DESC LIMIT ?
                    """,
                arguments: [episodeId, organizationId, limit]
            ).map { row in
                HistoryEntry(action: row[0], reason: row[1], taskId: row[2], who: (row[3] as String?) ?? "a former member", at: row[4])
            }
        }
    }

    /// The run's task id, or `DomainError.notFound` when the run is not one of the episode's.
    static func requireRun(_ runId: Int64, episodeId: Int64, organizationId: Int64, in db: Database) throws -> Int64 {
        guard let taskId = try Int64.fetchOne(
            db, sql: "SELECT taskId FROM storyboardRun WHERE id = ? AND episodeId = ? AND organizationId = ?",
            arguments: [runId, episodeId, organizationId]
        ) else { throw DomainError.notFound }
        return taskId
    }

    private static func record(
        _ action: String, reason: String, organizationId: Int64, episodeId: Int64, runId: Int64, taskId: Int64, userId: Int64,
        now: Date, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO reviewEvent (organizationId, episodeId, runId, taskId, action, reason, userId, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [organizationId, episodeId, runId, taskId, action, reason, userId, now]
        )
    }
}
