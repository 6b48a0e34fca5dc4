import ArgumentParser
import Foundation
import Showrunner

/// `showrunner gc`: reports and removes files nothing refers to, and applies the artifacts cap.
struct GCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove downloaded results of deleted tasks and orphaned temporary files (--dry-run only reports).",
        discussion: """
            Also applies the cap on downloaded result zips (--artifacts-max-bytes or SHOWRUNNER_ARTIFACTS_MAX_BYTES): \
            the zips of ingested tasks go first, oldest first. Files of tasks still in progress are never touched. \
            Safe while the server runs; the server also does this every hour.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "Only report what would be removed.")
    var dryRun = false

    @Option(help: "Keep downloaded result zips under this many bytes. Env: SHOWRUNNER_ARTIFACTS_MAX_BYTES. Default: no cap.")
    var artifactsMaxBytes: Int64?

    func run() async throws {
        let configuration = try common.configuration()
        let logger = common.logger(configuration)
        let database = try openDatabase(configuration: configuration, logger: logger)
        let cap = try artifactsMaxBytes ?? ServeCommand.byteCount(Environment.values, "SHOWRUNNER_ARTIFACTS_MAX_BYTES")
        let report = try await Retention(database: database, dataDirectory: configuration.dataDirectory, artifactsCap: cap).run(dryRun: dryRun)
        let verb = dryRun ? "would remove" : "removed"
        for item in report.items {
            Console.line("\(verb) \(item.path) (\(ByteCountFormatter.string(fromByteCount: item.bytes, countStyle: .file))): \(item.reason)")
        }
        Console.line(
            "gc: \(verb) \(report.items.count) files, \(ByteCountFormatter.string(fromByteCount: report.freedBytes, countStyle: .file)); "
                + "result zips kept: \(ByteCountFormatter.string(fromByteCount: report.artifactBytes, countStyle: .file))"
                + (cap.map { " (cap \(ByteCountFormatter.string(fromByteCount: $0, countStyle: .file)))" } ?? ""))
    }
}
