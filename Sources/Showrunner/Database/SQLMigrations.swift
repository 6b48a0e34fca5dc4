import Foundation
import GRDB
import Logging

/// The numbered `.sql` files in `Migrations/`, applied in file-name order, each once.
///
/// Each file runs in its own transaction: a failing file leaves the database as it was
/// before that file and stops start-up with `MigrationError.failed`.
public struct SQLMigrations: Sendable {
    public struct File: Sendable, Equatable {
        public let name: String
        public let sql: String
    }

    public let files: [File]

    public static func load(from directory: URL) throws -> SQLMigrations {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.directoryUnreadable(directory.path)
        }
        let files = try names
            .filter { $0.hasSuffix(".sql") }
            .sorted()
            .map { name -> File in
                let url = directory.appendingPathComponent(name)
                guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
                    throw MigrationError.fileUnreadable(name)
                }
                return File(name: name, sql: sql)
            }
        guard !files.isEmpty else { throw MigrationError.noMigrations(directory.path) }
        return SQLMigrations(files: files)
    }

    /// The migrations a database already has, and those this build would apply to it.
    public func status(of reader: any DatabaseReader) throws -> (applied: [String], pending: [String]) {
        let applied = try reader.read { db -> Set<String> in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        return (files.map(\.name).filter(applied.contains), files.map(\.name).filter { !applied.contains($0) })
    }

    /// Returns the names of the migrations applied by this call.
    public func apply(to writer: any DatabaseWriter, logger: Logger) throws -> [String] {
        var migrator = DatabaseMigrator()
        for file in files {
            migrator.registerMigration(file.name) { db in
                try db.execute(sql: file.sql)
            }
        }
        let alreadyApplied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        if try writer.read({ db in try migrator.hasBeenSuperseded(db) }) {
            throw MigrationError.databaseIsNewer
        }
        var applied: [String] = []
        for file in files where !alreadyApplied.contains(file.name) {
            do {
                try migrator.migrate(writer, upTo: file.name)
            } catch {
                throw MigrationError.failed(file: file.name, reason: String(describing: error))
            }
            logger.info("applied migration", metadata: ["migration": "\(file.name)"])
            applied.append(file.name)
        }
        return applied
    }
}

public enum MigrationError: Error, CustomStringConvertible, Equatable {
    case directoryUnreadable(String)
    case fileUnreadable(String)
    case noMigrations(String)
    case databaseIsNewer
    case failed(file: String, reason: String)

    public var description: String {
        switch self {
        case .directoryUnreadable(let path):
            "Cannot read the migrations folder \(path). Set SHOWRUNNER_ROOT to the folder that holds Migrations/."
        case .fileUnreadable(let name):
            "Cannot read migration \(name) as UTF-8 text."
        case .noMigrations(let path):
            "No .sql migrations found in \(path)."
        case .databaseIsNewer:
            "The database has migrations this version of Showrunner does not know. Run a newer build."
        case .failed(let file, let reason):
            "Migration \(file) failed and was rolled back; the database is unchanged by it. \(reason)"
        }
    }
}
