import Foundation
import HTTPTypes
import GRDB
import Logging
import Showrunner
import Testing

@Suite struct MigrationTests {
    @Test func migrationsApplyOnceInFileNameOrder() throws {
        let path = TestApp.temporaryDatabasePath()
        let first = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        let applied = try first.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: TestApp.migrations.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(applied == files)
        #expect(applied.first == "0001_create_accounts.sql")

        // Opening again applies nothing new and keeps the data.
        try first.writer.write { db in
            try db.execute(sql: "INSERT INTO organization (slug, name, createdAt) VALUES ('kept', 'Kept', '2026-01-01')")
        }
        let again = try first.migrate(from: TestApp.migrations, logger: TestApp.logger)
        #expect(again.isEmpty)
        let reopened = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        let count = try reopened.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") }
        #expect(count == 1)
    }

    @Test func failingMigrationLeavesDatabaseUnchangedAndNamesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: TestApp.migrations.path) where name.hasSuffix(".sql") {
            try FileManager.default.copyItem(at: TestApp.migrations.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let path = TestApp.temporaryDatabasePath()
        _ = try AppDatabase.open(path: path, migrationsDirectory: folder, logger: TestApp.logger)

        // A broken migration: its first statement is valid, its second is not.
        try "CREATE TABLE halfDone (id INTEGER);\nCREATE TABLE broken (;".write(
            to: folder.appendingPathComponent("9999_broken.sql"), atomically: true, encoding: .utf8
        )
        #expect {
            _ = try AppDatabase.open(path: path, migrationsDirectory: folder, logger: TestApp.logger)
        } throws: { error in
            guard case .failed(let file, _) = error as? MigrationError else { return false }
            return file == "9999_broken.sql"
        }
        let queue = try DatabaseQueue(path: path)
        let tables = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("halfDone"), "the failed file must be rolled back as a whole")
        #expect(tables.contains("user"))
        let identifiers = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(!identifiers.contains("9999_broken.sql"))
    }

    @Test func databaseFromANewerVersionIsRefused() throws {
        let path = TestApp.temporaryDatabasePath()
        let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future.sql')")
        }
        #expect(throws: MigrationError.databaseIsNewer) {
            _ = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        }
    }
}
