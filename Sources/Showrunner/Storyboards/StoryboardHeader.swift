import Foundation
import GRDB

/// What every storyboard page shows around the storyboard itself: where the episode sits,
/// which run is shown, its review state and the neighbouring episodes. One indexed query.
public struct StoryboardHeader: Sendable, Equatable {
    public struct RunInfo: Sendable, Equatable {
        public var id: Int64
        public var taskId: Int64
        public var ingestedAt: Date
        public var sceneCount: Int
        public var shotCount: Int
        public var lineCount: Int
        public var language: String
        /// The run the episode's page shows by default (chosen, or the newest).
        public var isCurrent: Bool
    }

    public struct Review: Sendable, Equatable {
        public var status: ReviewStatus
        public var reason: String
        public var decidedBy: String?
        public var decidedAt: Date
    }

    public var episodeId: Int64
    public var episodeNumber: Int
    public var episodeTitle: String
    public var dramaId: Int64
    public var dramaTitle: String
    public var projectId: Int64
    public var projectTitle: String
    public var run: RunInfo?
    public var runCount: Int
    /// Someone chose the current run (it does not follow newer ingests).
    public var runIsPinned: Bool
    public var review: Review?
    public var openComments: Int
    /// Open and resolved: the page skips the comments query when there are none.
    public var totalComments: Int
    public var previousEpisodeId: Int64?
    public var nextEpisodeId: Int64?
    /// Why the episode's video could not be fetched last time (for its current asset).
    public var videoFailure: String?
    public var videoFailedAt: Date?

    static func fetch(organizationId: Int64, episodeId: Int64, runId: Int64?, in db: Database) throws -> StoryboardHeader? {
        let statement = try db.cachedStatement(sql: """
            SELECT e.id, e.number, e.title, d.id, d.title, p.id, p.name,
                   r.id, r.taskId, r.ingestedAt, r.sceneCount, r.shotCount, r.lineCount, r.language,
                   r.id = cur.runId,
                   (SELECT COUNT(*) FROM storyboardRun x WHERE x.episodeId = e.id),
                   EXISTS (SELECT 1 FROM episodeRunChoice c WHERE c.episodeId = e.id),
                   rv.status, rv.reason, u.displayName, rv.decidedAt,
                   (SELECT COUNT(*) FROM reviewComment m WHERE m.runId = r.id AND m.resolvedAt IS NULL),
                   (SELECT COUNT(*) FROM reviewComment m WHERE m.runId = r.id),
                   (SELECT id FROM episode pe WHERE pe.dramaId = e.dramaId AND pe.organizationId = e.organizationId
                       AND pe.number < e.number AND pe.archivedAt IS NULL ORDER BY pe.number DESC LIMIT 1),
                   (SELECT id FROM episode ne WHERE ne.dramaId = e.dramaId AND ne.organizationId = e.organizationId
                       AND ne.number > e.number AND ne.archivedAt IS NULL ORDER BY ne.number LIMIT 1),
                   vf.failure, vf.failedAt
            FROM episode e
            JOIN drama d ON d.id = e.dramaId AND d.organizationId = e.organizationId
            JOIN project p ON p.id = d.projectId AND p.organizationId = e.organizationId
            JOIN episodeCurrentRun cur ON cur.episodeId = e.id
            LEFT JOIN storyboardRun r ON r.id = COALESCE(:run, cur.runId) AND r.episodeId = e.id AND r.organizationId = e.organizationId
            LEFT JOIN runReview rv ON rv.runId = r.id
            LEFT JOIN user u ON u.id = rv.decidedByUserId
            LEFT JOIN videoFetch vf ON vf.episodeId = e.id AND vf.assetId = e.assetId AND vf.failure IS NOT NULL
            WHERE e.id = :episode AND e.organizationId = :org
            """)
        guard let row = try Row.fetchOne(statement, arguments: ["run": runId, "episode": episodeId, "org": organizationId]) else {
            return nil
        }
        var header = StoryboardHeader(
            episodeId: row[0], episodeNumber: row[1], episodeTitle: row[2], dramaId: row[3], dramaTitle: row[4],
            projectId: row[5], projectTitle: row[6], run: nil, runCount: row[15], runIsPinned: row[16], review: nil,
            openComments: row[21] ?? 0, totalComments: row[22] ?? 0, previousEpisodeId: row[23], nextEpisodeId: row[24],
            videoFailure: row[25], videoFailedAt: row[26]
        )
        if let runId: Int64 = row[7] {
            header.run = RunInfo(
                id: runId, taskId: row[8], ingestedAt: row[9], sceneCount: row[10], shotCount: row[11], lineCount: row[12],
                language: row[13], isCurrent: row[14] ?? false
            )
        }
        if let statusText: String = row[17], let status = ReviewStatus(rawValue: statusText) {
            header.review = Review(status: status, reason: row[18] ?? "", decidedBy: row[19], decidedAt: row[20])
        }
        return header
    }
}

/// A run's review state; a run without a decision is not reviewed.
public enum ReviewStatus: String, Sendable, Equatable, CaseIterable {
    case approved
    case needsChanges = "needs_changes"

    var label: String {
        switch self {
        case .approved: "Approved"
        case .needsChanges: "Needs changes"
        }
    }
}
