import ArgumentParser
import Foundation
import Showrunner

/// `showrunner backup FILE`: a consistent copy of the database while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE while the server keeps running, and verify the copy.",
        discussion: """
            The copy is one consistent snapshot (VACUUM INTO; writes carry on meanwhile), checked with \
            PRAGMA integrity_check before it gets its name. Keep the master key too (<data-dir>/master.key or \
            SHOWRUNNER_SECRET_KEY): without it the organisations' memories.ai keys in the copy cannot be decrypted.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Where to write the copy (must not exist yet).")
    var file: String

    func run() async throws {
        let configuration = try common.configuration()
        guard let path = configuration.databasePath else { throw ValidationError("No database path.") }
        do {
            let result = try DatabaseBackup.backup(databaseAt: path, to: URL(fileURLWithPath: file))
            Console.line(
                "Backed up \(path) to \(result.file.path): \(ByteCountFormatter.string(fromByteCount: result.bytes, countStyle: .file)) "
                    + "in \(String(format: "%.2f", result.seconds)) s; integrity check ok.")
            Console.line("Also keep the master key (\(configuration.dataDirectory.appendingPathComponent("master.key").path) or SHOWRUNNER_SECRET_KEY).")
        } catch let failure as DatabaseBackup.Failure {
            throw CommandFailure(failure.description)
        }
    }
}

/// `showrunner restore FILE`: replaces the database with a backup while no server runs.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup (refused while a server uses it).",
        discussion: """
            The backup is verified first; the database it replaces is kept beside it as \
            <name>.before-restore-<time>.sqlite. Restore the master key that goes with the backup too.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "A file made by `showrunner backup` (or a scheduled or pre-migration backup).")
    var file: String

    func run() async throws {
        let configuration = try common.configuration()
        guard let path = configuration.databasePath else { throw ValidationError("No database path.") }
        let known: Set<String>
        do {
            known = Set(try SQLMigrations.load(from: configuration.rootDirectory.appendingPathComponent("Migrations")).files.map(\.name))
        } catch let error as MigrationError {
            throw ValidationError(error.description)
        }
        do {
            let result = try DatabaseRestore.restore(backup: URL(fileURLWithPath: file), databasePath: path, knownMigrations: known)
            Console.line("Restored \(file) to \(path) (\(result.migrations) migrations; the server applies newer ones when it starts).")
            if let previous = result.previous { Console.line("The database it replaced is kept at \(previous.path).") }
        } catch let failure as DatabaseLock.Failure {
            throw CommandFailure(failure.description)
        } catch let failure as DatabaseBackup.Failure {
            throw CommandFailure(failure.description)
        } catch let failure as DatabaseRestore.Failure {
            throw CommandFailure(failure.description)
        }
    }
}
