import Foundation
import GRDB
import Hummingbird
import Logging
import ServiceLifecycle

/// hummingbird-auth's session storage, kept in SQLite so logins survive a restart.
///
/// Keys are stored as SHA-256 hashes. As a `Service` it also sweeps expired sessions and old
/// login failures once a minute.
public struct SessionStore: PersistDriver {
    let database: AppDatabase
    let logger: Logger
    let sweepInterval: Duration

    public init(database: AppDatabase, logger: Logger, sweepInterval: Duration = .seconds(60)) {
        self.database = database
        self.logger = logger
        self.sweepInterval = sweepInterval
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let row = try makeRow(key: key, value: value, expires: expires)
        do {
            try await database.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO session (keyHash, userId, data, expiresAt) VALUES (?, ?, ?, ?)",
                    arguments: [row.keyHash, row.userId, row.data, row.expiresAt]
                )
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw PersistError.duplicate
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let row = try makeRow(key: key, value: value, expires: expires)
        let keepsExpiry = expires == nil
        try await database.writer.write { db in
            // A nil expiry keeps the existing one (the PersistDriver contract).
            try db.execute(
                sql: """
                    INSERT INTO session (keyHash, userId, data, expiresAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(keyHash) DO UPDATE SET
                      userId = excluded.userId,
                      data = excluded.data,
                      expiresAt = CASE WHEN ? THEN session.expiresAt ELSE excluded.expiresAt END
                    """,
                arguments: [row.keyHash, row.userId, row.data, row.expiresAt, keepsExpiry]
            )
        }
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let keyHash = SecureToken.sha256Hex(key)
        let now = Date()
        // The user's row comes in the same read, for the authenticator (see UserSession.loadedUser).
        let found = try await database.writer.read { db -> (Data, Date, User?)? in
            let statement = try db.cachedStatement(sql: """
                SELECT s.data, s.expiresAt, u.id, u.email, u.displayName, u.passwordHash, u.lastOrganizationId,
                       u.createdAt, u.passwordChangedAt
                FROM session s LEFT JOIN user u ON u.id = s.userId
                WHERE s.keyHash = ? AND s.expiresAt > ?
                """)
            guard let row = try Row.fetchOne(statement, arguments: [keyHash, now]) else { return nil }
            var user: User?
            if let id: Int64 = row[2] {
                user = User(
                    id: id, email: row[3], displayName: row[4], passwordHash: row[5], lastOrganizationId: row[6],
                    createdAt: row[7], passwordChangedAt: row[8])
            }
            return (row[0], row[1], user)
        }
        guard let (data, expiresAt, user) = found else { return nil }
        do {
            var object = try JSONDecoder().decode(Object.self, from: data)
            if var session = object as? UserSession, let user, user.id == session.userId {
                session.loadedUser = user
                if let attached = session as? Object { object = attached }
            }
            return (object, .seconds(expiresAt.timeIntervalSince(now)))
        } catch {
            throw PersistError.invalidConversion
        }
    }

    public func remove(key: String) async throws {
        let keyHash = SecureToken.sha256Hex(key)
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE keyHash = ?", arguments: [keyHash])
        }
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await sweep(now: Date())
            } catch {
                logger.warning("session sweep failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: sweepInterval) }
        }
    }

    /// Deletes expired sessions and login failures older than a day.
    func sweep(now: Date) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE expiresAt <= ?", arguments: [now])
            try db.execute(sql: "DELETE FROM loginFailure WHERE failedAt <= ?", arguments: [now.addingTimeInterval(-86_400)])
        }
    }

    private struct SessionRow {
        let keyHash: String
        let userId: Int64?
        let data: Data
        let expiresAt: Date
    }

    private func makeRow<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) throws -> SessionRow {
        let data = try JSONEncoder().encode(value)
        let lifetime = expires ?? .seconds(12 * 3600)
        let seconds = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        return SessionRow(
            keyHash: SecureToken.sha256Hex(key),
            // Remember whose session it is so a password change can end the others.
            userId: (value as? UserSession)?.userId,
            data: data,
            expiresAt: Date().addingTimeInterval(seconds)
        )
    }
}
