import Foundation
import GRDB

/// Task reads of the JSON API: the history newest first, paged by id, and one task with its
/// episodes. Every query takes the organisation id.
struct APITaskRepository: Sendable {
    let database: AppDatabase

    struct Filter: Sendable, Equatable {
        var status: TaskRecord.Status?
        var projectId: Int64?
        var dramaId: Int64?
    }

    /// Up to `paging.limit + 1` tasks with ids below the cursor, newest first (`task_organizationId_id`
    /// or `task_organizationId_status`).
    func list(organizationId: Int64, filter: Filter, paging: APIPaging) async throws -> [TaskRecord] {
        try await database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT * FROM task
                    WHERE organizationId = ? AND id < ? AND (? IS NULL OR status = ?) AND (? IS NULL OR projectId = ?) AND (? IS NULL OR dramaId = ?)
                    ORDER BY id DESC LIMIT ?
                    """
            )
            let status = filter.status?.rawValue
            return try TaskRecord.fetchAll(
                statement,
                arguments: [
                    organizationId, paging.after ?? Int64.max, status, status, filter.projectId, filter.projectId, filter.dramaId,
                    filter.dramaId, paging.limit + 1,
                ]
            )
        }
    }

    func find(organizationId: Int64, id: Int64) async throws -> (TaskRecord, [APITasks.TaskEpisode])? {
        try await database.read { db in
            guard let task = try TaskRepository.find(organizationId: organizationId, id: id, in: db) else { return nil }
            let episodes = try Row.fetchAll(
                db,
                sql: """
                    SELECT te.episodeNumber, te.episodeId, te.assetId, te.durationSeconds, te.estimatedCostCents, r.id AS runId
                    FROM taskEpisode te LEFT JOIN storyboardRun r ON r.taskId = te.taskId AND r.episodeNumber = te.episodeNumber
                    WHERE te.taskId = ? ORDER BY te.episodeNumber
                    """,
                arguments: [task.id]
            ).map { row in
                APITasks.TaskEpisode(
                    number: row["episodeNumber"], episodeId: row["episodeId"], assetId: row["assetId"], durationSeconds: row["durationSeconds"],
                    estimatedCostCents: row["estimatedCostCents"], runId: row["runId"]
                )
            }
            return (task, episodes)
        }
    }
}
