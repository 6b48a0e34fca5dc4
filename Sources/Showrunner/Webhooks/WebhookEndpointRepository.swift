import Foundation
import GRDB

/// Each organisation's unguessable callback URL (`/hooks/memories/{token}`). The token is
/// found by its SHA-256 and kept sealed so the settings page can show the URL again.
struct WebhookEndpointRepository: Sendable {
    let database: AppDatabase
    let secrets: SecretBox

    /// The organisation's token, created on first use.
    func token(organizationId: Int64) async throws -> String {
        if let sealed = try await database.read({ db in
            try Data.fetchOne(db, sql: "SELECT sealedToken FROM webhookEndpoint WHERE organizationId = ?", arguments: [organizationId])
        }), let token = secrets.open(sealed) {
            return token
        }
        return try await rotate(organizationId: organizationId)
    }

    /// A new token; the old URL stops working at once.
    @discardableResult
    func rotate(organizationId: Int64) async throws -> String {
        let token = SecureToken.generate()
        let sealed = try secrets.seal(token)
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO webhookEndpoint (organizationId, tokenHash, sealedToken, rotatedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(organizationId) DO UPDATE SET tokenHash = excluded.tokenHash, sealedToken = excluded.sealedToken,
                        rotatedAt = excluded.rotatedAt
                    """,
                arguments: [organizationId, SecureToken.sha256Hex(token), sealed, Date()]
            )
        }
        return token
    }

    /// The organisation a token belongs to (and notes that a callback arrived).
    /// The lookup is a read, so forged requests never take the write lock; only a match writes.
    func organization(forToken token: String) async throws -> Int64? {
        let hash = SecureToken.sha256Hex(token)
        guard let id = try await database.read({ db in
            try Int64.fetchOne(db, sql: "SELECT organizationId FROM webhookEndpoint WHERE tokenHash = ?", arguments: [hash])
        }) else { return nil }
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE webhookEndpoint SET lastReceivedAt = ? WHERE organizationId = ?", arguments: [Date(), id])
        }
        return id
    }

    func lastReceived(organizationId: Int64) async throws -> Date? {
        try await database.read { db in
            try Date.fetchOne(db, sql: "SELECT lastReceivedAt FROM webhookEndpoint WHERE organizationId = ?", arguments: [organizationId])
        }
    }

    /// The token of the server-wide account (the server's key, or the simulator): derived
    /// from the master key, so it is stable across restarts and never stored.
    var serverToken: String {
        Self.serverToken(secrets)
    }

    static func serverToken(_ secrets: SecretBox) -> String {
        String(secrets.fingerprint("server-webhook", purpose: "webhook").prefix(40))
    }
}

/// The callback URL of the server's own memories.ai account (`SHOWRUNNER_MEMORIES_API_KEY`),
/// for the start-up banner: the operator pastes it into that account's console.
public func serverWebhookURL(configuration: AppConfiguration) throws -> String {
    let secrets = try SecretBox.load(configuration: configuration)
    let token = WebhookEndpointRepository.serverToken(secrets)
    return configuration.externalBaseURL + SiteURL.webhook(token: token).path
}
