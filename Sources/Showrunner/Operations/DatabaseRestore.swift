import Foundation
import GRDB

/// `showrunner restore FILE`: puts a backup in place of the database, only while no server
/// uses it (`DatabaseLock`, exclusive), and keeps the file it replaces beside it.
public enum DatabaseRestore {
    public struct Result: Sendable, Equatable {
        /// Where the replaced database went; nil when there was none.
        public let previous: URL?
        public let migrations: Int
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case newerThanThisBuild(unknown: [String])

        public var description: String {
            switch self {
            case .newerThanThisBuild(let unknown):
                "The backup comes from a newer Showrunner (migrations \(unknown.joined(separator: ", "))); restore it with that version."
            }
        }
    }

    public static func restore(backup: URL, databasePath: String, knownMigrations: Set<String>, now: Date = Date()) throws -> Result {
        let lock = try DatabaseLock(databasePath: databasePath, mode: .exclusive)
        defer { withExtendedLifetime(lock) {} }
        let migrations = try DatabaseBackup.verify(backup)
        let unknown = migrations.filter { !knownMigrations.contains($0) }
        guard unknown.isEmpty else { throw Failure.newerThanThisBuild(unknown: unknown) }

        let manager = FileManager.default
        let database = URL(fileURLWithPath: databasePath)
        try manager.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copy first: if this fails, nothing has been touched yet.
        let incoming = database.deletingLastPathComponent().appendingPathComponent(".\(database.lastPathComponent).restoring")
        try? manager.removeItem(at: incoming)
        try manager.copyItem(at: backup, to: incoming)

        var previous: URL?
        if manager.fileExists(atPath: databasePath) {
            // Fold the WAL into the file, so the file set aside is whole on its own.
            let queue = try DatabaseQueue(path: databasePath, configuration: AppDatabase.makeConfiguration())
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try queue.close()
            let aside = database.deletingLastPathComponent()
                .appendingPathComponent(DatabaseBackup.timestampedName(prefix: database.lastPathComponent + ".before-restore", now: now))
            try manager.moveItem(at: database, to: aside)
            previous = aside
        }
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: databasePath + suffix) }
        try manager.moveItem(at: incoming, to: database)
        return Result(previous: previous, migrations: migrations.count)
    }
}
