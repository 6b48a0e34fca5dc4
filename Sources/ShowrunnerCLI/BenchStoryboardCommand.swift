import ArgumentParser
import Foundation
import Logging
import Showrunner

/// `showrunner bench-storyboard --prepare` (hidden): writes the database benchmarks/storyboard.sh
/// serves — an owner who can log in, a 25-scene episode and a 1,000-scene stress episode,
/// ingested through the real result ingest — and prints what the script needs as `key=value` lines.
/// `--profile` then times each piece of a page request on its own against that database.
struct BenchStoryboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-storyboard",
        abstract: "Prepare the storyboard page benchmark's database (used by benchmarks/storyboard.sh).",
        shouldDisplay: false
    )

    @Flag(help: "Create the benchmark database.")
    var prepare = false

    @Flag(help: "Time the pieces of a storyboard request one by one against a prepared database.")
    var profile = false

    @Option(help: "With --profile: the typical episode's id (printed by --prepare).")
    var typicalEpisode: Int64?

    @Option(help: "With --profile: the stress episode's id (printed by --prepare).")
    var stressEpisode: Int64?

    @Option(help: "With --profile: runs of each warm piece.")
    var iterations = 2_000

    @Option(help: "SQLite file to create (must not exist yet).")
    var database: String

    @Option(help: "Folder holding Migrations/. Env: SHOWRUNNER_ROOT. Default: current folder.")
    var root: String?

    @Option(help: "bcrypt cost of the benchmark user's password hash.")
    var bcryptCost: UInt8 = 12

    @Option(help: "Scenes of the stress episode.")
    var stressScenes = 1_000

    func validate() throws {
        guard prepare != profile else { throw ValidationError("Say what to do: --prepare or --profile.") }
        if profile {
            guard typicalEpisode != nil, stressEpisode != nil else {
                throw ValidationError("--profile needs --typical-episode and --stress-episode.")
            }
            return
        }
        guard !FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("\(database) already exists; the benchmark starts from a fresh database.")
        }
        guard (4...31).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be 4–31.") }
        guard stressScenes > 0 else { throw ValidationError("--stress-scenes must be positive.") }
    }

    func run() async throws {
        var logger = Logger(label: "showrunner-bench")
        logger.logLevel = .warning
        let rootURL = CommonOptions.packageRoot(root)
        if profile, let typicalEpisode, let stressEpisode {
            let timings = try await StoryboardBenchmark.profile(
                databasePath: database, rootDirectory: rootURL, typicalEpisodeId: typicalEpisode, stressEpisodeId: stressEpisode,
                iterations: iterations, logger: logger
            )
            for timing in timings { print(timing.line) }
            return
        }
        let migrations = rootURL.appendingPathComponent("Migrations")
        let prepared = try await StoryboardBenchmark.prepare(
            databasePath: database, migrationsDirectory: migrations, bcryptCost: bcryptCost, logger: logger,
            stress: .init(scenes: stressScenes, shots: stressScenes * 6)
        )
        print("org=\(prepared.organizationSlug)")
        print("email=\(prepared.email)")
        print("typical_episode=\(prepared.typical.id)")
        print("stress_episode=\(prepared.stress.id)")
        for (name, episode) in [("typical", prepared.typical), ("stress", prepared.stress)] {
            print("\(name)_counts=\(episode.scenes) scenes, \(episode.shots) shots, \(episode.lines) lines, \(episode.comments) comments (run \(episode.runId))")
        }
        print(String(format: "ingest_seconds=%.3f", prepared.ingestSeconds))
    }
}
