import Foundation
import GRDB

/// One line of a task's timeline.
struct TaskEvent: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    var id: Int64
    var taskId: Int64
    var kind: String
    var message: String
    var actorUserId: Int64?
    var createdAt: Date

    static let databaseTableName = "taskEvent"

    /// Appends an event inside the caller's transaction, so a state change and its event
    /// are written together or not at all.
    static func append(taskId: Int64, kind: String, message: String, actor: Int64? = nil, now: Date = Date(), in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO taskEvent (taskId, kind, message, actorUserId, createdAt) VALUES (?, ?, ?, ?, ?)")
            // Bounded here, once for every caller: messages may quote upstream.
            .execute(arguments: [taskId, kind, message.count > 2_000 ? String(message.prefix(2_000)) + "…" : message, actor, now])
        // Outgoing webhooks for the events people subscribe to, in the same transaction.
        try WebhookOutbox.enqueueTaskEvent(kind: kind, taskId: taskId, now: now, in: db)
    }
}
