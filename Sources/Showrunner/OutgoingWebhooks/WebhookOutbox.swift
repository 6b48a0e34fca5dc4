import Foundation
import GRDB

/// Writes deliveries inside the transaction that caused the event: if the change rolls back,
/// nothing is sent; if it commits, the dispatcher will send it even after a restart.
enum WebhookOutbox {
    /// Queues `event` for every enabled subscription of the organisation that asked for it.
    static func enqueue(_ event: WebhookEvent, organizationId: Int64, data: [String: Any], now: Date = Date(), in db: Database) throws {
        let subscriptions = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, events FROM webhookSubscription WHERE organizationId = ? AND disabledAt IS NULL"),
            arguments: [organizationId]
        ).filter { row in
            let events: String = row["events"]
            return events.split(separator: ",").contains { $0 == event.rawValue }
        }
        guard !subscriptions.isEmpty else { return }
        let slug = try String.fetchOne(db, sql: "SELECT slug FROM organization WHERE id = ?", arguments: [organizationId]) ?? ""
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO webhookDelivery (organizationId, subscriptionId, event, payload, status, nextAttemptAt, createdAt)
                VALUES (?, ?, ?, ?, 'pending', ?, ?)
                """
        )
        // The same body for every endpoint: encoded once.
        let body: [String: Any] = ["event": event.rawValue, "created_at": ISO8601DateFormatter().string(from: now), "organization": slug, "data": data]
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        for subscription in subscriptions {
            let subscriptionId: Int64 = subscription["id"]
            try insert.execute(arguments: [organizationId, subscriptionId, event.rawValue, payload, now, now])
        }
    }

    /// A task event: its current state as the payload.
    static func enqueueTaskEvent(kind: String, taskId: Int64, now: Date, in db: Database) throws {
        guard let event = WebhookEvent(taskEventKind: kind) else { return }
        guard let row = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT organizationId, projectId, dramaId, status, resultStatus, upstreamTaskId, episodeCount, errorCode, errorMessage FROM task WHERE id = ?"
            ),
            arguments: [taskId]
        ) else { return }
        let organizationId: Int64 = row["organizationId"]
        // Skip building the payload when nobody listens (the common case).
        guard try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM webhookSubscription WHERE organizationId = ? AND disabledAt IS NULL)"),
            arguments: [organizationId]
        ) == true else { return }
        var task: [String: Any] = [
            "id": taskId, "project_id": row["projectId"] as Int64, "drama_id": row["dramaId"] as Int64, "status": row["status"] as String,
            "result_status": row["resultStatus"] as String, "episode_count": row["episodeCount"] as Int,
        ]
        if let upstream: String = row["upstreamTaskId"] { task["upstream_task_id"] = upstream }
        if let code: String = row["errorCode"] { task["error_code"] = code }
        if let message: String = row["errorMessage"] { task["error_message"] = message }
        try enqueue(event, organizationId: organizationId, data: ["task": task], now: now, in: db)
    }
}
