import ArgumentParser
import Foundation
import Logging
import Showrunner

/// `showrunner bench-pages --prepare` (hidden): writes the large data set benchmarks/pages.sh
/// serves (10 organisations, 50 projects, 5,000 episodes, ~500,000 shots, ~1,000,000 lines,
/// a 1,000-scene episode) through the real ingest, and prints what the script needs as
/// `key=value` lines. Progress goes to stderr.
struct BenchPagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pages",
        abstract: "Prepare the page benchmark's large data set (used by benchmarks/pages.sh).",
        shouldDisplay: false
    )

    @Flag(help: "Create the benchmark database.")
    var prepare = false

    @Option(help: "SQLite file to create (must not exist yet).")
    var database: String

    @Option(help: "Folder holding Migrations/. Env: SHOWRUNNER_ROOT. Default: current folder.")
    var root: String?

    @Option(help: "bcrypt cost of the benchmark user's password hash.")
    var bcryptCost: UInt8 = 12

    func validate() throws {
        guard prepare else { throw ValidationError("Say what to do: --prepare.") }
        guard !FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("\(database) already exists; the benchmark starts from a fresh database.")
        }
        guard (4...31).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be 4–31.") }
    }

    func run() async throws {
        var logger = Logger(label: "showrunner-bench")
        logger.logLevel = .warning
        let migrations = CommonOptions.packageRoot(root).appendingPathComponent("Migrations")
        let prepared = try await PagesBenchmark.prepare(
            databasePath: database, migrationsDirectory: migrations, bcryptCost: bcryptCost, logger: logger,
            progress: { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        )
        print("org=\(prepared.organizationSlug)")
        print("email=\(PagesBenchmark.email)")
        print("password=\(PagesBenchmark.password)")
        print("project=\(prepared.projectId)")
        print("drama=\(prepared.dramaId)")
        print("task=\(prepared.taskId)")
        print("episode=\(prepared.episodeId)")
        print("stress_episode=\(prepared.stressEpisodeId)")
        print("totals=\(prepared.totals)")
        print(String(format: "prepare_seconds=%.1f", prepared.seconds))
    }
}
