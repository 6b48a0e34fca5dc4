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
        let slug = RequestedOrganization.slug
        // The user's row (and, on an organisation's page, the membership there) come in the
        // same read, for the authenticator and OrganizationMiddleware (see UserSession).
        let found = try await database.read { db -> (Data, Date, User?, UserSession.LoadedOrganization?)? in
            // A cursor's row is read in place (fetchOne copies every column first); the row is
            // only valid while its cursor lives, so the cursor is kept in a constant.
            let cursor = try Self.fetchSession(keyHash: keyHash, now: now, organizationSlug: slug, in: db)
            guard let row = try cursor.next() else { return nil }
            var user: User?
            if let id: Int64 = row[2] {
                user = User(
                    id: id, email: try row.decode(atIndex: 3), displayName: try row.decode(atIndex: 4),
                    passwordHash: try row.decode(atIndex: 5), lastOrganizationId: try row.decode(atIndex: 6),
                    createdAt: try row.storedDate(atIndex: 7), passwordChangedAt: try row.storedDate(atIndex: 8))
            }
            var loaded: UserSession.LoadedOrganization?
            if let slug, let user {
                loaded = .init(slug: slug, userId: user.id, access: try OrganizationAccess(row: row, startingAt: 9, userId: user.id))
            }
            let found = (try row.decode(atIndex: 0) as Data, try row.storedDate(atIndex: 1), user, loaded)
            withExtendedLifetime(cursor) {}
            return found
        }
        guard let (data, expiresAt, user, loaded) = found else { return nil }
        do {
            var object = try JSONDecoder().decode(Object.self, from: data)
            if var session = object as? UserSession, let user, user.id == session.userId {
                session.loadedUser = user
                session.loadedOrganization = loaded
                if let attached = session as? Object { object = attached }
            }
            return (object, .seconds(expiresAt.timeIntervalSince(now)))
        } catch {
            throw PersistError.invalidConversion
        }
    }

    private static func fetchSession(keyHash: String, now: Date, organizationSlug: String?, in db: Database) throws -> RowCursor {
        guard let organizationSlug else {
            return try Row.fetchCursor(db.cachedStatement(sql: sessionSQL), arguments: [keyHash, now])
        }
        return try Row.fetchCursor(db.cachedStatement(sql: sessionInOrganizationSQL), arguments: [organizationSlug, keyHash, now])
    }

    private static let sessionColumns = """
        s.data, s.expiresAt, u.id, u.email, u.displayName, u.passwordHash, u.lastOrganizationId, u.createdAt, u.passwordChangedAt
        """
    private static let sessionJoin = "session s LEFT JOIN user u ON u.id = s.userId"

    private static let sessionSQL = """
        SELECT \(sessionColumns) FROM \(sessionJoin) WHERE s.keyHash = ? AND s.expiresAt > ?
        """

    /// `sessionSQL` plus, from column 9, the organisation with the page's slug and the user's
    /// membership there (what `OrganizationRepository.access` reads).
    private static let sessionInOrganizationSQL = """
        SELECT \(sessionColumns), \(OrganizationAccess.columns)
        FROM \(sessionJoin)
        LEFT JOIN organization o ON o.slug = ?
        LEFT JOIN membership m ON m.organizationId = o.id AND m.userId = u.id
        \(OrganizationAccess.generationJoin)
        WHERE s.keyHash = ? AND s.expiresAt > ?
        """

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
