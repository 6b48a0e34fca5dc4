import ArgumentParser
import Foundation
import Logging
import Showrunner

#if canImport(Darwin)
import Darwin
#endif

/// `showrunner bench-ingest` (hidden): how fast a 100-episode result zip is ingested.
///
/// `--generate PATH` only writes the zip (the simulator's content generator), `--ingest PATH`
/// only ingests it, so the ingest process's peak RSS excludes generation. With neither, both
/// run in one process. benchmarks/ingest.sh runs the two steps.
struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ingest",
        abstract: "Benchmark result-zip ingest (used by benchmarks/ingest.sh).",
        shouldDisplay: false
    )

    @Option(help: "Episodes in the generated zip.")
    var episodes = 100

    @Option(help: "Only write the generated zip to this path.")
    var generate: String?

    @Option(help: "Only ingest the zip at this path (written by --generate with the same --episodes).")
    var ingest: String?

    @Option(help: "Folder holding Migrations/. Env: SHOWRUNNER_ROOT. Default: current folder.")
    var root: String?

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive.") }
        guard generate == nil || ingest == nil else { throw ValidationError("Use --generate or --ingest, not both.") }
    }

    func run() async throws {
        if let generate {
            let url = URL(fileURLWithPath: generate)
            try? FileManager.default.removeItem(at: url)
            try IngestBenchmark.writeArchive(episodeCount: episodes, to: url)
            print("wrote \(episodes) episodes to \(url.path) (\(fileSize(url) / 1024) KB)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let archive: URL
        if let ingest {
            archive = URL(fileURLWithPath: ingest)
        } else {
            archive = work.appendingPathComponent("result.zip")
            try IngestBenchmark.writeArchive(episodeCount: episodes, to: archive)
        }

        var logger = Logger(label: "showrunner-bench")
        logger.logLevel = .warning
        let migrations = CommonOptions.packageRoot(root).appendingPathComponent("Migrations")
        let outcome = try await IngestBenchmark.run(
            archive: archive, episodeCount: episodes, migrationsDirectory: migrations, workDirectory: work, logger: logger
        )
        let summary = outcome.summary
        let seconds = max(outcome.seconds, 1e-9)
        let peak = PeakMemory.megabytes()
        let durations = IngestBenchmark.episodes(count: episodes).map(\.durationSeconds)
        let averageMinutes = durations.reduce(0, +) / Double(max(durations.count, 1)) / 60
        print(
            String(
                format: "zip: %lld KB, episodes of %.1f min on average, %d characters, %d cores", fileSize(archive) / 1024, averageMinutes,
                summary.characterCount, ProcessInfo.processInfo.activeProcessorCount
            )
        )
        print(String(format: "episodes: %d  (%.0f/s)", summary.episodes.count, Double(summary.episodes.count) / seconds))
        print(String(format: "scenes:   %d  (%.0f/s)", summary.sceneCount, Double(summary.sceneCount) / seconds))
        print(String(format: "shots:    %d  (%.0f/s)", summary.shotCount, Double(summary.shotCount) / seconds))
        print(String(format: "lines:    %d  (%.0f/s)", summary.lineCount, Double(summary.lineCount) / seconds))
        print(String(format: "ingest: %d episodes in %.3f s, peak RSS %.1f MB", summary.episodes.count, seconds, peak))
    }

    private func fileSize(_ url: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// The process's peak resident set size: `VmHWM` from /proc/self/status on Linux,
/// `getrusage` on macOS.
private enum PeakMemory {
    static func megabytes() -> Double {
        #if canImport(Darwin)
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #else
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").compactMap({ Double($0) }).first
        else { return 0 }
        return kilobytes / 1024
        #endif
    }
}
