import Foundation
import GRDB

/// Outgoing webhook endpoints and their delivery log, per organisation; and the dispatcher's
/// leased claims. Every tenant query takes the organisation id.
struct WebhookRepository: Sendable {
    let database: AppDatabase
    let secrets: SecretBox

    struct Created: Sendable {
        var subscription: WebhookSubscription
        var secret: String
    }

    func create(organizationId: Int64, url: URL, events: Set<WebhookEvent>, createdBy: Int64, now: Date = Date()) async throws -> Created {
        guard !events.isEmpty else { throw DomainError.invalid("Choose at least one event.") }
        let secret = WebhookSigner.secretPrefix + SecureToken.generate(byteCount: 24)
        let sealed = try secrets.seal(secret)
        let names = WebhookEvent.allCases.filter(events.contains).map(\.rawValue).joined(separator: ",")
        let subscription = try await database.writer.write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhookSubscription WHERE organizationId = ?", arguments: [organizationId]) ?? 0
            guard count < 20 else { throw DomainError.invalid("An organisation can have at most 20 webhook endpoints.") }
            return try db.insertReturning(WebhookSubscription.self, [
                "organizationId": organizationId, "url": url.absoluteString, "events": names, "sealedSecret": sealed,
                "createdByUserId": createdBy, "createdAt": now,
            ])
        }
        return Created(subscription: subscription, secret: secret)
    }

    func list(organizationId: Int64) async throws -> [WebhookSubscription] {
        try await database.read { db in
            try WebhookSubscription.fetchAll(db, sql: "SELECT * FROM webhookSubscription WHERE organizationId = ? ORDER BY id", arguments: [organizationId])
        }
    }

    func find(organizationId: Int64, id: Int64) async throws -> WebhookSubscription? {
        try await database.read { db in
            try WebhookSubscription.fetchOne(db, sql: "SELECT * FROM webhookSubscription WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
        }
    }

    /// Its deliveries go with it (the log is per endpoint).
    func delete(organizationId: Int64, id: Int64) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM webhookSubscription WHERE id = ? AND organizationId = ?", arguments: [id, organizationId])
            if db.changesCount == 0 { throw DomainError.notFound }
        }
    }

    /// The latest deliveries of the organisation, newest first.
    func deliveries(organizationId: Int64, limit: Int = 50) async throws -> [WebhookDelivery] {
        try await database.read { db in
            try WebhookDelivery.fetchAll(
                db, sql: "SELECT * FROM webhookDelivery WHERE organizationId = ? ORDER BY id DESC LIMIT ?", arguments: [organizationId, limit]
            )
        }
    }

    /// Sends a delivery's payload again as a new delivery (the log keeps both).
    func redeliver(organizationId: Int64, deliveryId: Int64, now: Date = Date()) async throws {
        try await database.writer.write { db in
            guard let delivery = try WebhookDelivery.fetchOne(
                db, sql: "SELECT * FROM webhookDelivery WHERE id = ? AND organizationId = ?", arguments: [deliveryId, organizationId]
            ) else { throw DomainError.notFound }
            try db.execute(
                sql: """
                    INSERT INTO webhookDelivery (organizationId, subscriptionId, event, payload, status, nextAttemptAt, createdAt)
                    VALUES (?, ?, ?, ?, 'pending', ?, ?)
                    """,
                arguments: [organizationId, delivery.subscriptionId, delivery.event, delivery.payload, now, now]
            )
        }
    }

    // MARK: - The dispatcher's side

    /// Claims up to `limit` due deliveries for `owner` until the lease runs out.
    func claimDue(owner: String, limit: Int, leaseSeconds: Double, now: Date = Date()) async throws -> [(WebhookDelivery, WebhookSubscription)] {
        try await database.writer.write { db in
            let claimed = try WebhookDelivery.fetchAll(
                db,
                sql: """
                    UPDATE webhookDelivery SET leaseOwner = ?, leaseExpiresAt = ?
                    WHERE id IN (SELECT id FROM webhookDelivery WHERE status = 'pending' AND nextAttemptAt <= ?
                                 AND (leaseExpiresAt IS NULL OR leaseExpiresAt < ?) ORDER BY nextAttemptAt LIMIT ?)
                    RETURNING *
                    """,
                arguments: [owner, now.addingTimeInterval(leaseSeconds), now, now, limit]
            )
            return try claimed.compactMap { delivery in
                try WebhookSubscription.fetchOne(db, key: delivery.subscriptionId).map { (delivery, $0) }
            }
        }
    }

    /// Records one attempt: delivered, or failed for now (retried at `retryAt`) or for good.
    func record(deliveryId: Int64, owner: String, statusCode: Int?, error: String?, retryAt: Date?, now: Date = Date()) async throws {
        let delivered = statusCode.map { (200..<300).contains($0) } ?? false
        let status: WebhookDelivery.Status = delivered ? .delivered : retryAt == nil ? .failed : .pending
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE webhookDelivery SET status = ?, attempts = attempts + 1, lastAttemptAt = ?, lastStatusCode = ?, lastError = ?,
                           deliveredAt = CASE WHEN ? THEN ? ELSE deliveredAt END, nextAttemptAt = ?, leaseOwner = NULL, leaseExpiresAt = NULL
                    WHERE id = ? AND leaseOwner = ?
                    """,
                arguments: [
                    status.rawValue, now, statusCode, error.map { String($0.prefix(500)) }, delivered, now, delivered ? nil : retryAt, deliveryId, owner,
                ]
            )
        }
    }

    func reveal(_ subscription: WebhookSubscription) -> String? { secrets.open(subscription.sealedSecret) }
}
