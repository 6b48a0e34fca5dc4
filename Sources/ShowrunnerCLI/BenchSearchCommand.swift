import ArgumentParser
import Foundation
import Logging
import Showrunner

/// `showrunner bench-search` (hidden): search latency over a million dialogue lines.
///
/// Builds (or, with `--keep`, reuses) a database of simulator-generated short dramas ingested
/// through the real result ingest, then times `SearchRepository.search` per query class.
/// benchmarks/search.sh runs it. The last line is the summary:
/// `search: N lines, p50 X ms, p99 Y ms`.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "Benchmark full-text search (used by benchmarks/search.sh).",
        shouldDisplay: false
    )

    @Option(help: "Dialogue lines to index, at least.")
    var lines = 1_000_000

    @Option(help: "Timed searches per query class.")
    var queries = 200

    @Option(help: "Folder holding Migrations/. Env: SHOWRUNNER_ROOT. Default: current folder.")
    var root: String?

    @Option(help: "Keep the database at this path; reuse it if it exists (growing it to --lines).")
    var keep: String?

    @Flag(help: "Also print every query's median, maximum and matches.")
    var perQuery = false

    @Flag(help: "Also time each statement of the search alone, per class (diagnosis).")
    var breakdown = false

    func validate() throws {
        guard lines > 0 else { throw ValidationError("--lines must be positive.") }
        guard queries > 0 else { throw ValidationError("--queries must be positive.") }
    }

    func run() async throws {
        var logger = Logger(label: "showrunner-bench")
        logger.logLevel = .warning
        let migrations = CommonOptions.packageRoot(root).appendingPathComponent("Migrations")

        var work: URL?
        let path: String
        if let keep {
            path = URL(fileURLWithPath: keep).path
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-search-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            work = folder
            path = folder.appendingPathComponent("bench-search.sqlite").path
        }
        defer { if let work { try? FileManager.default.removeItem(at: work) } }

        let (database, corpus, build) = try await SearchBenchmark.prepare(
            lines: lines, databasePath: path, migrationsDirectory: migrations, logger: logger,
            progress: { Self.log($0) }
        )
        Report.corpus(corpus, build: build)
        Report.sizes(try await SearchBenchmark.sizes(of: database, path: path))
        Report.indexing(try await SearchBenchmark.indexingRates(of: database, entries: 100_000))

        Self.log("choosing queries")
        let classes = try await SearchBenchmark.queryMix(database: database)
        Self.log("timing \(queries) searches per class")
        let timings = try await SearchBenchmark.measure(
            classes, database: database, organizationId: corpus.organizationId, runsPerClass: queries)
        Report.timings(timings, perQuery: perQuery)
        if breakdown {
            Self.log("timing each statement")
            print("ranked statement plan: " + (try await SearchBenchmark.rankedQueryPlan(database: database, organizationId: corpus.organizationId))
                .joined(separator: "; "))
            let profiles = try await SearchBenchmark.profile(classes, database: database, organizationId: corpus.organizationId, runs: 5)
            Report.breakdown(classes, profiles, perQuery: perQuery)
        }
        let all = timings.flatMap(\.milliseconds)
        print(String(
            format: "search: %d lines, p50 %.1f ms, p99 %.1f ms", corpus.lineCount,
            SearchBenchmark.percentile(50, of: all), SearchBenchmark.percentile(99, of: all)))
    }

    /// Progress goes to stderr so stdout stays the report.
    static func log(_ message: String) {
        FileHandle.standardError.write(Data(("bench-search: " + message + "\n").utf8))
    }
}

/// Formats the benchmark's figures.
private enum Report {
    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    static func corpus(_ corpus: SearchBenchmark.Corpus, build: SearchBenchmark.Build?) {
        print(
            "corpus: \(corpus.lineCount) dialogue lines in \(corpus.entryCount) indexed entries (lines, headings, summaries, shots), "
                + "\(corpus.episodeCount) episodes, \(corpus.taskCount) tasks (\(corpus.englishTaskCount) in English), one organisation")
        guard let build else {
            print("build: reused the kept database")
            return
        }
        let ingest = max(build.ingestSeconds, 1e-9)
        print(String(
            format: "build: %d tasks in %.1f s; inside ResultIngest %.1f s: %.0f lines/s, %.0f entries/s (parse, insert and index)",
            build.tasks, build.seconds, build.ingestSeconds, Double(build.lines) / ingest, Double(build.entries) / ingest))
    }

    static func sizes(_ sizes: SearchBenchmark.Sizes) {
        let tables = sizes.searchTables.map { "\($0.name) \(megabytes($0.bytes))" }.joined(separator: ", ")
        print("database: \(megabytes(sizes.fileBytes)); search index \(megabytes(sizes.searchBytes)) (\(tables)); searchEntry \(megabytes(sizes.entryBytes))")
    }

    static func indexing(_ rates: [SearchBenchmark.IndexingRate]) {
        let parts = rates.map { rate -> String in
            let seconds = max(rate.seconds, 1e-9)
            return rate.tokenizer + " " + number(Double(rate.entries) / seconds, decimals: 0) + " entries/s ("
                + number(Double(rate.characters) / seconds / 1e6, decimals: 1) + " M characters/s)"
        }
        print("FTS5 indexing of the \(rates.first?.entries ?? 0) newest entries into a temporary table: " + parts.joined(separator: "; "))
    }

    static func timings(_ timings: [SearchBenchmark.ClassTiming], perQuery: Bool) {
        print("class        p50 ms  p90 ms  p99 ms  max ms  searches  matches: median, windows full")
        for timing in timings {
            let ms = timing.milliseconds
            let run = timing.queries.filter { !$0.milliseconds.isEmpty }
            let medianMatches = SearchBenchmark.percentile(50, of: run.map { Double($0.ranked) })
            let full = Double(run.filter(\.isBounded).count) / Double(max(run.count, 1)) * 100
            print(pad(timing.queryClass.name, 10) + latencies(ms) + number(Double(ms.count), width: 10, decimals: 0)
                + "  " + number(medianMatches, decimals: 0) + ", " + number(full, decimals: 0) + "%  " + timing.queryClass.summary)
            if perQuery {
                for query in run {
                    let entries = query.query.entries.map { ", term in \($0) entries" } ?? ""
                    print("    " + pad(query.query.text, 22) + " median " + number(SearchBenchmark.percentile(50, of: query.milliseconds))
                        + " ms, max " + number(query.milliseconds.max() ?? 0) + " ms, \(query.ranked)\(query.isBounded ? "+" : "") matches"
                        + entries)
                }
            }
        }
        let all = timings.flatMap(\.milliseconds)
        print(pad("all", 10) + latencies(all) + number(Double(all.count), width: 10, decimals: 0))
    }

    /// p50, p90, p99 and max, right-aligned.
    private static func latencies(_ ms: [Double]) -> String {
        [50.0, 90, 99].map { number(SearchBenchmark.percentile($0, of: ms), width: 8) }.joined() + number(ms.max() ?? 0, width: 8)
    }

    static func breakdown(_ classes: [SearchBenchmark.QueryClass], _ profiles: [[SearchBenchmark.StatementTimes]], perQuery: Bool) {
        print("statements alone, ms: median over the class's queries of each query's median of 5 runs")
        print("class         match  unscoped  1st rank    ranked   details  highlight   matches")
        func line(_ label: String, _ times: [SearchBenchmark.StatementTimes]) -> String {
            func median(_ value: (SearchBenchmark.StatementTimes) -> Double) -> Double {
                SearchBenchmark.percentile(50, of: times.map(value))
            }
            let columns: [(SearchBenchmark.StatementTimes) -> Double] = [
                \.match, \.unscoped, \.firstBM25, \.ranked, \.details, \.highlight,
            ]
            return pad(label, 10) + columns.map { number(median($0), width: 10) }.joined()
                + number(median { Double($0.matches) }, width: 10, decimals: 0)
        }
        for (queryClass, times) in zip(classes, profiles) {
            print(line(queryClass.name, times))
            if perQuery {
                for (query, time) in zip(queryClass.queries, times) { print(line("  " + query.text, [time])) }
            }
        }
    }

    /// `value` with `decimals` decimals, right-aligned in `width` columns.
    static func number(_ value: Double, width: Int = 0, decimals: Int = 2) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Pads to `width` columns, counting CJK characters as two.
    static func pad(_ text: String, _ width: Int) -> String {
        let columns = text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
        return text + String(repeating: " ", count: max(0, width - columns))
    }
}
