import Foundation
import GRDB

/// Slows down password guessing: after too many failures within a window, logins for that
/// account, or from that client address, are refused until the window has passed.
///
/// Failures live in SQLite so the limit holds across restarts.
public struct LoginThrottle: Sendable {
    let database: AppDatabase
    let failuresPerAccount: Int
    let failuresPerAddress: Int
    let window: TimeInterval

    public init(database: AppDatabase, failuresPerAccount: Int, window: Duration) {
        self.database = database
        self.failuresPerAccount = failuresPerAccount
        // An office behind one address has many people; allow more there.
        self.failuresPerAddress = failuresPerAccount * 4
        self.window = TimeInterval(window.components.seconds)
    }

    static func accountKey(_ email: String) -> String { "account:" + User.normalizedEmail(email) }
    static func addressKey(_ address: String) -> String { "address:" + address }

    /// Seconds to wait before another attempt is allowed, or nil when one may be made now.
    public func retryAfter(email: String, address: String, now: Date = Date()) async throws -> Int? {
        let keys = [(Self.accountKey(email), failuresPerAccount), (Self.addressKey(address), failuresPerAddress)]
        let since = now.addingTimeInterval(-window)
        return try await database.writer.read { db in
            var wait: Int?
            for (key, limit) in keys {
                let failures = try Date.fetchAll(
                    db,
                    sql: "SELECT failedAt FROM loginFailure WHERE throttleKey = ? AND failedAt > ? ORDER BY failedAt DESC LIMIT ?",
                    arguments: [key, since, limit]
                )
                // Locked until the oldest of the last `limit` failures leaves the window.
                if failures.count >= limit, let oldest = failures.last {
                    let seconds = Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up))
                    wait = max(wait ?? 0, max(seconds, 1))
                }
            }
            return wait
        }
    }

    public func recordFailure(email: String, address: String, now: Date = Date()) async throws {
        try await database.writer.write { db in
            for key in [Self.accountKey(email), Self.addressKey(address)] {
                try db.execute(sql: "INSERT INTO loginFailure (throttleKey, failedAt) VALUES (?, ?)", arguments: [key, now])
            }
        }
    }

    /// A successful login clears the account's failures (not the address's).
    public func recordSuccess(email: String) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM loginFailure WHERE throttleKey = ?", arguments: [Self.accountKey(email)])
        }
    }
}
