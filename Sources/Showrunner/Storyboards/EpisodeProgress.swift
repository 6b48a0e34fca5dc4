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
        // The current run is materialized so it is worked out once per episode (the view
        // repeats its subqueries wherever `runId` is named); the latest task is one lookup.
        // Read through a cursor: each row decoded from the statement, not copied first.
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                WITH cur AS MATERIALIZED (
                    SELECT episodeId, runId FROM episodeCurrentRun WHERE organizationId = ? AND episodeId IN (\(placeholders))
                )
                SELECT cur.episodeId, r.sceneCount, rv.status,
                       (SELECT COUNT(*) FROM reviewComment m WHERE m.runId = cur.runId AND m.resolvedAt IS NULL),
                       t.status, t.resultStatus
                FROM cur
                LEFT JOIN storyboardRun r ON r.id = cur.runId
                LEFT JOIN runReview rv ON rv.runId = cur.runId
                LEFT JOIN task t ON t.id = (
                    SELECT te.taskId FROM taskEpisode te WHERE te.episodeId = cur.episodeId ORDER BY te.taskId DESC LIMIT 1)
                """),
            arguments: StatementArguments([organizationId] + ids)
        )
        var progress: [Int64: EpisodeProgress] = [:]
        while let row = try rows.next() {
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
}
