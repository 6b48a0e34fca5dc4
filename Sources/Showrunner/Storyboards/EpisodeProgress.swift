import Foundation
import GRDB

/// Where each episode of a drama stands: its latest extraction and its current run's review.
public struct EpisodeProgress: Sendable, Equatable {
    public enum Extraction: Sendable, Equatable {
        /// Never submitted.
        case none
        /// The latest task is still on its way (submitted, running, downloading, ingesting).
        case inProgress
        /// The latest task ended without a storyboard (failed, cancelled, rejected, ingest failed).
        case failed
        /// A storyboard exists (its current run has `scenes` scenes).
        case ingested(scenes: Int)
    }

    public var extraction: Extraction
    public var review: ReviewStatus?
    public var openComments: Int

    /// Review totals over a drama's (unarchived) episodes.
    public struct Totals: Sendable, Equatable {
        public var episodes = 0
        public var withStoryboard = 0
        public var approved = 0
        public var needsChanges = 0
        public var notReviewed: Int { withStoryboard - approved - needsChanges }
    }

    static func forEpisodes(_ ids: [Int64], organizationId: Int64, in db: Database) throws -> [Int64: EpisodeProgress] {
        guard !ids.isEmpty else { return [:] }
        let placeholders = databaseQuestionMarks(count: ids.count)
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT e.id, r.sceneCount, rv.status,
                       (SELECT COUNT(*) FROM reviewComment m WHERE m.runId = cur.runId AND m.resolvedAt IS NULL),
                       (SELECT t.status FROM taskEpisode te JOIN task t ON t.id = te.taskId
                        WHERE te.episodeId = e.id ORDER BY te.taskId DESC LIMIT 1),
                       (SELECT t.resultStatus FROM taskEpisode te JOIN task t ON t.id = te.taskId
                        WHERE te.episodeId = e.id ORDER BY te.taskId DESC LIMIT 1)
                FROM episode e
                JOIN episodeCurrentRun cur ON cur.episodeId = e.id
                LEFT JOIN storyboardRun r ON r.id = cur.runId
                LEFT JOIN runReview rv ON rv.runId = cur.runId
                WHERE e.organizationId = ? AND e.id IN (\(placeholders))
                """),
            arguments: StatementArguments([organizationId] + ids)
        )
        var progress: [Int64: EpisodeProgress] = [:]
        for row in rows {
            let id: Int64 = row[0]
            let scenes: Int? = row[1]
            let taskStatus: String? = row[4]
            let resultStatus: String? = row[5]
            let extraction: Extraction
            if let scenes {
                extraction = .ingested(scenes: scenes)
            } else if let taskStatus {
                let failed = ["failed", "cancelled", "rejected", "outcome_unknown"].contains(taskStatus)
                    || ["download_failed", "ingest_failed"].contains(resultStatus ?? "")
                extraction = failed ? .failed : .inProgress
            } else {
                extraction = .none
            }
            progress[id] = EpisodeProgress(
                extraction: extraction, review: (row[2] as String?).flatMap(ReviewStatus.init(rawValue:)), openComments: row[3] ?? 0
            )
        }
        return progress
    }

    static func totals(dramaId: Int64, organizationId: Int64, in db: Database) throws -> Totals {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT COUNT(*), COUNT(cur.runId), COALESCE(SUM(rv.status = 'approved'), 0), COALESCE(SUM(rv.status = 'needs_changes'), 0)
                FROM episode e
                JOIN episodeCurrentRun cur ON cur.episodeId = e.id
                LEFT JOIN runReview rv ON rv.runId = cur.runId
                WHERE e.organizationId = ? AND e.dramaId = ? AND e.archivedAt IS NULL
                """),
            arguments: [organizationId, dramaId]
        ) else { return Totals() }
        return Totals(episodes: row[0], withStoryboard: row[1], approved: row[2], needsChanges: row[3])
    }
}
