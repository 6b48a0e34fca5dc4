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

    /// The outcome of asking to try a password.
    public enum Reservation: Sendable, Equatable {
        /// Go ahead; the attempt is already counted as a failure until `succeeded` says otherwise.
        case allowed(addressFailureId: Int64)
        /// Locked for this many more seconds.
        case locked(retryAfter: Int)
    }

    /// Checks both limits and, when an attempt is allowed, records it as a failure in the same
    /// write transaction, so parallel guesses cannot all pass the check before any is counted.
    public func reserve(email: String, address: String, now: Date = Date()) async throws -> Reservation {
        let limits = [(Self.accountKey(email), failuresPerAccount), (Self.addressKey(address), failuresPerAddress)]
        let since = now.addingTimeInterval(-window)
        let window = self.window
        return try await database.writer.write { db in
            var wait: Int?
            for (key, limit) in limits {
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
            if let wait { return .locked(retryAfter: wait) }
            try db.execute(sql: "INSERT INTO loginFailure (throttleKey, failedAt) VALUES (?, ?)", arguments: [limits[0].0, now])
            try db.execute(sql: "INSERT INTO loginFailure (throttleKey, failedAt) VALUES (?, ?)", arguments: [limits[1].0, now])
            return .allowed(addressFailureId: db.lastInsertedRowID)
        }
    }

    /// The password was right: forget the account's failures and un-count this attempt for the address.
    public func succeeded(email: String, reservation: Reservation) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM loginFailure WHERE throttleKey = ?", arguments: [Self.accountKey(email)])
            if case .allowed(let id) = reservation {
                try db.execute(sql: "DELETE FROM loginFailure WHERE id = ?", arguments: [id])
            }
        }
    }
}
