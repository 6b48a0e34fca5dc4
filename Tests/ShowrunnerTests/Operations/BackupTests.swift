import Foundation
import GRDB
@testable import Showrunner
import Synchronization
import Testing

/// `showrunner backup` / `restore` and the copy taken before migrations, on real database files.
@Suite struct BackupTests {
    static func organizations(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") ?? -1 }
    }

    static func addOrganization(_ database: AppDatabase, _ index: Int) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO organization (name, slug, createdAt) VALUES (?, ?, ?)",
                arguments: ["Studio \(index)", "studio-\(index)-\(UUID().uuidString.prefix(6).lowercased())", Date()])
        }
    }

    @Test func aBackupIsConsistentAndVerifiedWhileWritesCarryOn() async throws {
        let path = TestApp.temporaryDatabasePath()
        let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        for index in 0..<200 { try await Self.addOrganization(database, index) }
        let writes = Mutex(0)
        let writer = Task {
            var index = 1_000
            while !Task.isCancelled {
                try await Self.addOrganization(database, index)
                writes.withLock { $0 += 1 }
                index += 1
            }
        }
        // Let the writer get going, then copy in the middle of it.
        _ = await eventually { writes.withLock { $0 } > 20 }
        let destination = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("copy.sqlite")
        let result = try DatabaseBackup.backup(databaseAt: path, to: destination)
        let duringBackup = writes.withLock { $0 }
        _ = await eventually { writes.withLock { $0 } > duringBackup + 20 }
        writer.cancel()
        _ = await writer.result

        #expect(result.bytes > 0)
        #expect(FileManager.default.fileExists(atPath: destination.path))
        let migrations = try DatabaseBackup.verify(destination)
        #expect(migrations.count == (try SQLMigrations.load(from: TestApp.migrations).files.count))
        let copied = try Self.organizations(destination.path)
        let live = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") } ?? 0
        // A snapshot: everything from before it, none of what came after.
        #expect(copied >= 220)
        #expect(copied < live)
        // Writes never waited for the copy to finish.
        #expect(writes.withLock { $0 } > duringBackup)
        // Never over an existing file.
        #expect(throws: DatabaseBackup.Failure.destinationExists(destination.path)) {
            try DatabaseBackup.backup(databaseAt: path, to: destination)
        }
        // No partial file is left beside it.
        let folder = try FileManager.default.contentsOfDirectory(atPath: destination.deletingLastPathComponent().path)
        #expect(!folder.contains { $0.hasSuffix(".part") })
    }

    @Test func restoreRefusesWhileAServerHoldsTheDatabaseAndKeepsThePreviousFile() async throws {
        let path = TestApp.temporaryDatabasePath()
        let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        try await Self.addOrganization(database, 1)
        let backup = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backup.sqlite")
        _ = try DatabaseBackup.backup(databaseAt: path, to: backup)
        try await Self.addOrganization(database, 2)
        let known = Set(try SQLMigrations.load(from: TestApp.migrations).files.map(\.name))

        do {
            // What `serve` holds for its whole life.
            let serving = try DatabaseLock(databasePath: path, mode: .shared)
            #expect(throws: DatabaseLock.Failure.self) {
                try DatabaseRestore.restore(backup: backup, databasePath: path, knownMigrations: known)
            }
            #expect(try Self.organizations(path) == 2)
            // While a restore runs, no server may start on the file either.
            withExtendedLifetime(serving) {}
        }
        try (database.writer as? DatabasePool)?.close()

        let result = try DatabaseRestore.restore(backup: backup, databasePath: path, knownMigrations: known)
        #expect(try Self.organizations(path) == 1)
        let previous = try #require(result.previous)
        #expect(try Self.organizations(previous.path) == 2)
        #expect(previous.lastPathComponent.hasPrefix("showrunner.sqlite.before-restore-"))

        // A restore in progress keeps servers out.
        let restoring = try DatabaseLock(databasePath: path, mode: .exclusive)
        #expect(throws: DatabaseLock.Failure.held(path: path + ".lock", mode: .shared)) {
            try DatabaseLock(databasePath: path, mode: .shared)
        }
        withExtendedLifetime(restoring) {}
    }

    @Test func restoreRefusesDamagedForeignAndNewerFiles() async throws {
        let folder = TestApp.temporaryDirectory()
        let path = folder.appendingPathComponent("showrunner.sqlite").path
        let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        try await Self.addOrganization(database, 1)
        try (database.writer as? DatabasePool)?.close()
        let known = Set(try SQLMigrations.load(from: TestApp.migrations).files.map(\.name))

        let garbage = folder.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: garbage)
        #expect(throws: (any Error).self) { try DatabaseRestore.restore(backup: garbage, databasePath: path, knownMigrations: known) }

        let foreign = folder.appendingPathComponent("foreign.sqlite")
        let other = try DatabaseQueue(path: foreign.path)
        try await other.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        #expect(throws: DatabaseBackup.Failure.notShowrunner(foreign.path)) {
            try DatabaseRestore.restore(backup: foreign, databasePath: path, knownMigrations: known)
        }

        let newer = folder.appendingPathComponent("newer.sqlite")
        _ = try DatabaseBackup.backup(databaseAt: path, to: newer)
        let writable = try DatabaseQueue(path: newer.path)
        try await writable.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future.sql')") }
        try writable.close()
        #expect(throws: DatabaseRestore.Failure.newerThanThisBuild(unknown: ["9999_from_the_future.sql"])) {
            try DatabaseRestore.restore(backup: newer, databasePath: path, knownMigrations: known)
        }
        // Nothing of the refused files reached the database.
        #expect(try Self.organizations(path) == 1)
    }

    @Test func anUpgradeBacksTheDatabaseUpFirst() async throws {
        let older = TestApp.temporaryDirectory()
        let files = try SQLMigrations.load(from: TestApp.migrations).files
        for file in files.dropLast() { try file.sql.write(to: older.appendingPathComponent(file.name), atomically: true, encoding: .utf8) }
        let path = TestApp.temporaryDatabasePath()
        let backups = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backups")
        let previous = try AppDatabase.open(path: path, migrationsDirectory: older, backupsDirectory: backups, logger: TestApp.logger)
        try await Self.addOrganization(previous, 1)
        try (previous.writer as? DatabasePool)?.close()
        // A fresh database has nothing worth copying.
        #expect(UploadSteps.files(in: backups).isEmpty)

        let upgraded = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, backupsDirectory: backups, logger: TestApp.logger)
        let copies = UploadSteps.files(in: backups)
        #expect(copies.count == 1)
        let stem = ((files.last?.name ?? "") as NSString).deletingPathExtension
        #expect(copies.first?.hasPrefix("before-\(stem)-") == true)
        let copy = backups.appendingPathComponent(copies.first ?? "")
        #expect(try DatabaseBackup.verify(copy).count == files.count - 1)
        #expect(try Self.organizations(copy.path) == 1)
        try (upgraded.writer as? DatabasePool)?.close()
        // Up to date: no copy on the next start.
        _ = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, backupsDirectory: backups, logger: TestApp.logger)
        #expect(UploadSteps.files(in: backups).count == 1)
    }

    @Test func scheduledBackupsKeepTheNewestAndRunOncePerInterval() async throws {
        let path = TestApp.temporaryDatabasePath()
        let database = try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("scheduled")
        let everyTime = MaintenanceScheduler(
            database: database, jobs: [MaintenanceScheduler.backupJob(databasePath: path, folder: folder, interval: 0, keep: 2)],
            logger: TestApp.logger)
        for _ in 0..<3 {
            await everyTime.runDue()
            try await Task.sleep(for: .milliseconds(5))
        }
        let kept = UploadSteps.files(in: folder).sorted()
        #expect(kept.count == 2)
        #expect(kept.allSatisfy { $0.hasPrefix("showrunner-") && $0.hasSuffix(".sqlite") })
        // Another process (or a restart) with a daily schedule does not run it again so soon.
        let daily = MaintenanceScheduler(
            database: database, jobs: [MaintenanceScheduler.backupJob(databasePath: path, folder: folder, interval: 86_400, keep: 2)],
            logger: TestApp.logger)
        await daily.runDue()
        #expect(UploadSteps.files(in: folder).sorted() == kept)
        let result = try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT lastResult FROM scheduledJob WHERE name = 'backup'") }
        #expect(result?.contains("bytes") == true)
    }
}
