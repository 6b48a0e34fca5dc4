import Foundation
import GRDB
import Logging

/// Writes and reads the audit log. Writing never fails the action it records: a failed write
/// is logged and the action stands (the log is evidence, not a gate).
struct AuditLog: Sendable {
    let database: AppDatabase
    let logger: Logger

    struct Entry: Sendable, Equatable {
        var id: Int64
        var action: String
        var actorLabel: String
        var actorUserId: Int64?
        var actorApiKeyId: Int64?
        var targetType: String?
        var targetId: String?
        var summary: String
        var address: String?
        var createdAt: Date
    }

    struct Filter: Sendable, Equatable {
        var action: AuditAction?
        var actorUserId: Int64?
        var since: Date?
    }

    func record(
        _ action: AuditAction, organizationId: Int64?, actor: AuditActor, target: (type: String, id: String)? = nil, summary: String,
        now: Date = Date()
    ) async {
        do {
            try await database.writer.write { db in
                try Self.insert(action, organizationId: organizationId, actor: actor, target: target, summary: summary, now: now, in: db)
            }
        } catch {
            logger.error("could not write an audit entry", metadata: ["action": "\(action.rawValue)", "error": "\(error)"])
        }
    }

    static func insert(
        _ action: AuditAction, organizationId: Int64?, actor: AuditActor, target: (type: String, id: String)?, summary: String, now: Date,
        in db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO auditEvent (organizationId, actorUserId, actorApiKeyId, actorLabel, action, targetType, targetId, summary, address, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            organizationId, actor.userId, actor.apiKeyId, String(actor.label.prefix(300)), action.rawValue, target?.type, target?.id,
            String(summary.prefix(1000)), actor.address.map { String($0.prefix(100)) }, now,
        ])
    }

    /// The organisation's entries and its members' sign-ins, newest first, up to `limit + 1`
    /// below the `before` id (keyset paging).
    func entries(organizationId: Int64, filter: Filter, before: Int64?, limit: Int) async throws -> [Entry] {
        try await database.read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT * FROM (
                      SELECT * FROM auditEvent WHERE organizationId = :org AND id < :before
                        AND (:action IS NULL OR action = :action) AND (:actor IS NULL OR actorUserId = :actor) AND (:since IS NULL OR createdAt >= :since)
                        ORDER BY id DESC LIMIT :limit)
                    UNION ALL
                    SELECT * FROM (
                      SELECT a.* FROM auditEvent a WHERE a.organizationId IS NULL AND a.id < :before
                        AND a.actorUserId IN (SELECT userId FROM membership WHERE organizationId = :org)
                        AND (:action IS NULL OR a.action = :action) AND (:actor IS NULL OR a.actorUserId = :actor) AND (:since IS NULL OR a.createdAt >= :since)
                        ORDER BY a.id DESC LIMIT :limit)
                    ORDER BY id DESC LIMIT :limit
                    """
            )
            return try Row.fetchAll(
                statement,
                arguments: [
                    "org": organizationId, "before": before ?? Int64.max, "action": filter.action?.rawValue, "actor": filter.actorUserId,
                    "since": filter.since, "limit": limit + 1,
                ]
            ).map { row in
                Entry(
                    id: row["id"], action: row["action"], actorLabel: row["actorLabel"], actorUserId: row["actorUserId"],
                    actorApiKeyId: row["actorApiKeyId"], targetType: row["targetType"], targetId: row["targetId"], summary: row["summary"],
                    address: row["address"], createdAt: row["createdAt"]
                )
            }
        }
    }
}
