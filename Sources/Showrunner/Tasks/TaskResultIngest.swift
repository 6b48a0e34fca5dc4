import Foundation
import GRDB

/// Ingests one task's kept zip: the task's episode map in, scenes, shots, lines and cast out,
/// and the task marked ingested in the same transaction, so a task is never half ingested and
/// a repeated ingest replaces rather than duplicates.
struct TaskResultIngest: Sendable {
    let database: AppDatabase
    let limits: ArchiveLimits

    func ingest(taskId: Int64, organizationId: Int64, archive: URL, owner: String) async throws {
        let episodes = try await database.writer.read { db in
            var map: [String: Int64?] = [:]
            let rows = try Row.fetchAll(db, sql: "SELECT episodeNumber, episodeId FROM taskEpisode WHERE taskId = ?", arguments: [taskId])
            for row in rows {
                let number: Int = row["episodeNumber"]
                map[String(number)] = .some(row["episodeId"])
            }
            return map
        }
        let ingest = ResultIngest(database: database)
        _ = try await AppMetrics.timeIngest {
            try await ingest.ingest(archiveAt: archive, taskId: taskId, organizationId: organizationId, episodes: episodes, limits: limits) { db, summary in
                var message: String
                if summary.hasStoryboardData {
                    message = "Ingested \(summary.episodes.count) episodes: \(summary.sceneCount) scenes, \(summary.shotCount) shots, "
                        + "\(summary.lineCount) lines, \(summary.characterCount) characters"
                } else {
                    message = "Ingested: the result has no storyboard JSON (only workbooks)"
                }
                if !summary.missingEpisodeKeys.isEmpty {
                    message += "; no files for episode \(summary.missingEpisodeKeys.joined(separator: ", "))"
                }
                message += "."
                try TaskQueue.markIngested(taskId: taskId, owner: owner, message: message, now: Date(), in: db)
            }
        }
    }
}
