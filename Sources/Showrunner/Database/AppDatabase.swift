import Foundation
import GRDB
import Logging

/// The application's database: a GRDB writer that is always fully migrated.
///
/// Production opens a `DatabasePool` (WAL, concurrent readers); tests may use an in-memory queue.
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// Connections for `read` on the caller's thread; nil for an in-memory database.
    let inlineReaders: InlineReaders?

    /// Opens (creating if needed) the SQLite file at `path` and applies pending migrations.
    /// With `backupsDirectory`, an existing database is copied there before any migration runs
    /// (an upgrade can then be undone by restoring that copy with the previous build).
    public static func open(path: String, migrationsDirectory: URL, backupsDirectory: URL? = nil, logger: Logger) throws -> AppDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path, configuration: makeConfiguration())
        let migrations = try SQLMigrations.load(from: migrationsDirectory)
        if let backupsDirectory {
            let status = try migrations.status(of: pool)
            let known = Set(migrations.files.map(\.name))
            if !status.applied.isEmpty, let next = status.pending.first,
               try pool.read({ db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }).allSatisfy(known.contains)
            {
                let stem = (next as NSString).deletingPathExtension
                let file = backupsDirectory.appendingPathComponent(DatabaseBackup.timestampedName(prefix: "before-\(stem)"))
                let copy = try DatabaseBackup.backup(databaseAt: path, to: file)
                logger.notice(
                    "backed up the database before migrating",
                    metadata: ["file": "\(copy.file.path)", "bytes": "\(copy.bytes)", "pending": "\(status.pending.count)"])
            }
        }
        try migrations.apply(to: pool, logger: logger)
        // Opened after the migrations so no connection caches statements of an older schema.
        let readers = InlineReaders(
            path: path, configuration: makeConfiguration(), limit: ProcessInfo.processInfo.activeProcessorCount + 2)
        return AppDatabase(writer: pool, inlineReaders: readers)
    }

    /// A private in-memory database with the real migrations applied (tests).
    /// `prepare` runs on the connection after the usual set-up (a test's statement trace).
    public static func inMemory(
        migrationsDirectory: URL, logger: Logger, prepare: (@Sendable (Database) throws -> Void)? = nil
    ) throws -> AppDatabase {
        var configuration = makeConfiguration()
        if let prepare { configuration.prepareDatabase(prepare) }
        let queue = try DatabaseQueue(configuration: configuration)
        let database = AppDatabase(writer: queue)
        try database.migrate(from: migrationsDirectory, logger: logger)
        return database
    }

    init(writer: any DatabaseWriter, inlineReaders: InlineReaders? = nil) {
        self.writer = writer
        self.inlineReaders = inlineReaders
    }

    /// A short read, run on the calling thread when a connection is free (see `InlineReaders`),
    /// else through the pool. For the page path: `body` must be quick, since it holds one of the
    /// few cooperative threads; long reads (exports, sweeps) use `writer.read`.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        if let inlineReaders, let value = try inlineReaders.read(body) { return value }
        return try await writer.read(body)
    }

    /// Shared by production and tests so both see the same SQLite behaviour.
    static func makeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // `showrunner migrate` or the sqlite3 shell may hold the file briefly.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Storyboard search (migration 0007) is tokenized by this; every connection needs it.
            db.add(tokenizer: CJKBigramTokenizer.self)
            try SearchRanking.register(in: db)
            // Keep the WAL from growing without bound under steady writes.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Applies every migration in `directory` that has not run yet, in file-name order.
    @discardableResult
    public func migrate(from directory: URL, logger: Logger) throws -> [String] {
        let migrations = try SQLMigrations.load(from: directory)
        return try migrations.apply(to: writer, logger: logger)
    }
}
