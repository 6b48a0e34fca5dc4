import Foundation
import GRDB

/// Online copies of the SQLite database: `VACUUM INTO` reads one snapshot (WAL: writers carry
/// on meanwhile) and writes a compact file, which is then checked with `integrity_check`
/// before it takes its final name. Never a half-written or unchecked file under that name.
public enum DatabaseBackup {
    public struct Result: Sendable, Equatable {
        public let file: URL
        public let bytes: Int64
        public let seconds: Double
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case sourceMissing(String)
        case destinationExists(String)
        case corrupt(String, details: String)
        case notShowrunner(String)

        public var description: String {
            switch self {
            case .sourceMissing(let path): "There is no database at \(path)."
            case .destinationExists(let path): "\(path) already exists; choose another name or remove it first."
            case .corrupt(let path, let details): "\(path) failed the integrity check: \(details)"
            case .notShowrunner(let path): "\(path) is not a Showrunner database (it has no migration history)."
            }
        }
    }

    /// Copies the database at `source` to `destination` (which must not exist yet).
    public static func backup(databaseAt source: String, to destination: URL) throws -> Result {
        guard FileManager.default.fileExists(atPath: source) else { throw Failure.sourceMissing(source) }
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw Failure.destinationExists(destination.path) }
        let started = Date()
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        do {
            let reader = try DatabaseQueue(path: source, configuration: readOnlyConfiguration())
            try reader.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [partial.path])
            }
            try reader.close()
            try verify(partial)
            try FileManager.default.moveItem(at: partial, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? Int64) ?? 0
        return Result(file: destination, bytes: bytes, seconds: Date().timeIntervalSince(started))
    }

    /// `PRAGMA integrity_check` and a migration history; throws `Failure` otherwise.
    /// Returns the names of the migrations the file has.
    @discardableResult
    public static func verify(_ file: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: file.path, configuration: readOnlyConfiguration())
        defer { try? queue.close() }
        return try queue.read { db in
            let report = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard report == ["ok"] else { throw Failure.corrupt(file.path, details: report.prefix(5).joined(separator: "; ")) }
            guard try db.tableExists("grdb_migrations") else { throw Failure.notShowrunner(file.path) }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
    }

    /// The app's connection setup (the search tokenizer must exist to read the index), read-only.
    static func readOnlyConfiguration() -> Configuration {
        var configuration = AppDatabase.makeConfiguration()
        configuration.readonly = true
        return configuration
    }

    /// `showrunner-20261202-041500-123.sqlite`: sorts by time.
    public static func timestampedName(prefix: String = "showrunner", now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss-SSS"
        return "\(prefix)-\(formatter.string(from: now)).sqlite"
    }
}
