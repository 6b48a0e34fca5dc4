import Foundation
import GRDB
import Logging

/// The `showrunner bench-search` workload (benchmarks/search.sh): a file database (WAL, real
/// migrations) filled with the simulator's short-drama content through the real `ResultIngest`,
/// so the FTS index is exactly the one production builds, then a mix of queries through
/// `SearchRepository.search` — the search page's code path: ranked page 1 with its hits' details and marks —
/// each one timed.
///
/// One organisation holds everything, the worst case for the `o…` scope token every query
/// ANDs with: it is in every entry. Each task is its own drama of 100 episodes with its own
/// asset ids, hence its own cast and scene order (the generator is deterministic per asset id).
public enum SearchBenchmark {
    public static let organizationSlug = "bench-search"
    public static let episodesPerTask = 100
    /// Every 20th task is in English (5% of episodes), so English words, prefixes and phrases are measured too.
    public static let englishEvery = 20

    static func language(ofTask index: Int) -> String {
        index % englishEvery == englishEvery - 1 ? "en" : "zh-CN"
    }

    /// What the benchmark organisation holds.
    public struct Corpus: Sendable {
        public let organizationId: Int64
        /// Dialogue lines in the index (`searchEntry.kind = 'line'`).
        public let lineCount: Int
        /// Every indexed entry: lines, scene headings, summaries and shot descriptions.
        public let entryCount: Int
        public let episodeCount: Int
        public let taskCount: Int
        public let englishTaskCount: Int
    }

    /// How `prepare` grew the corpus.
    public struct Build: Sendable {
        public let tasks: Int
        public let lines: Int
        public let entries: Int
        /// Wall time, zip generation (overlapped with ingest) included.
        public let seconds: Double
        /// Time inside `ResultIngest.ingest` (parse, insert, search index) only.
        public let ingestSeconds: Double
    }

    /// Opens (or creates) the database at `databasePath` and ingests simulated tasks until it
    /// holds at least `lines` dialogue lines. `build` is nil when the database already had enough.
    public static func prepare(
        lines: Int, databasePath: String, migrationsDirectory: URL, logger: Logger,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> (database: AppDatabase, corpus: Corpus, build: Build?) {
        let database = try AppDatabase.open(path: databasePath, migrationsDirectory: migrationsDirectory, logger: logger)
        let zips = FileManager.default.temporaryDirectory.appendingPathComponent("bench-search-zips-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: zips, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: zips) }
        let builder = try await CorpusBuilder.open(database, zipDirectory: zips)
        let build = try await builder.grow(toLines: lines, progress: progress)
        // Sizes and later reads should not depend on how much WAL the build left behind.
        try await database.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        return (database, try await builder.corpus(), build)
    }
}

// MARK: - Building the corpus

extension SearchBenchmark {
    /// Adds tasks of `episodesPerTask` simulated episodes to the benchmark organisation, each
    /// through a result zip and `ResultIngest`, the way the task tracker ingests a download.
    struct CorpusBuilder {
        let database: AppDatabase
        let organizationId: Int64
        let projectId: Int64
        let zipDirectory: URL

        /// The benchmark organisation and project, created when missing.
        static func open(_ database: AppDatabase, zipDirectory: URL) async throws -> CorpusBuilder {
            let (organizationId, projectId) = try await database.writer.write { db -> (Int64, Int64) in
                let existing = try Row.fetchOne(db, sql: """
                    SELECT o.id, p.id FROM organization o JOIN project p ON p.organizationId = o.id
                    WHERE o.slug = ? ORDER BY p.id LIMIT 1
                    """, arguments: [SearchBenchmark.organizationSlug])
                if let existing { return (existing[0], existing[1]) }
                let now = Date()
                try db.execute(
                    sql: "INSERT INTO organization (slug, name, createdAt) VALUES (?, 'Search bench', ?)",
                    arguments: [SearchBenchmark.organizationSlug, now])
                let organizationId = db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO project (organizationId, name, createdAt, updatedAt) VALUES (?, 'Search bench', ?, ?)",
                    arguments: [organizationId, now, now])
                return (organizationId, db.lastInsertedRowID)
            }
            return CorpusBuilder(database: database, organizationId: organizationId, projectId: projectId, zipDirectory: zipDirectory)
        }

        func corpus() async throws -> Corpus {
            let organizationId = self.organizationId
            return try await database.writer.read { db in
                let row = try Row.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM searchEntry WHERE organizationId = :org AND kind = 'line'),
                           (SELECT COUNT(*) FROM searchEntry WHERE organizationId = :org),
                           (SELECT COUNT(*) FROM episode WHERE organizationId = :org),
                           (SELECT COUNT(*) FROM task WHERE organizationId = :org),
                           (SELECT COUNT(*) FROM drama WHERE organizationId = :org AND language = 'en')
                    """, arguments: ["org": organizationId])
                return Corpus(
                    organizationId: organizationId, lineCount: row?[0] ?? 0, entryCount: row?[1] ?? 0,
                    episodeCount: row?[2] ?? 0, taskCount: row?[3] ?? 0, englishTaskCount: row?[4] ?? 0)
            }
        }

        /// Ingests tasks until `target` lines are indexed. While one zip is ingested the next is
        /// generated on another core (the generator and the zip encoder cost about as much as the ingest).
        func grow(toLines target: Int, progress: @escaping @Sendable (String) -> Void) async throws -> Build? {
            let start = ContinuousClock.now
            let before = try await corpus()
            guard before.lineCount < target else { return nil }
            var lines = before.lineCount
            var index = before.taskCount
            var ingestTime = Duration.zero
            var lastTaskLines = 0
            var tasks = 0
            var pending: Task<URL, any Error>? = generate(task: index)
            while lines < target {
                let archive = try await (pending ?? generate(task: index)).value
                // Prefetch the next zip only when this task will probably not be the last.
                pending = lines + lastTaskLines < target || lastTaskLines == 0 ? generate(task: index + 1) : nil
                let ingestStart = ContinuousClock.now
                let summary = try await ingest(task: index, archive: archive)
                ingestTime += ContinuousClock.now - ingestStart
                try? FileManager.default.removeItem(at: archive)
                lastTaskLines = summary.lineCount
                lines += summary.lineCount
                index += 1
                tasks += 1
                if tasks % 10 == 0 { progress("indexed \(lines) lines (\(index) tasks)") }
            }
            if let pending, let unused = try? await pending.value { try? FileManager.default.removeItem(at: unused) }
            let after = try await corpus()
            return Build(
                tasks: tasks, lines: after.lineCount - before.lineCount, entries: after.entryCount - before.entryCount,
                seconds: Self.seconds(ContinuousClock.now - start), ingestSeconds: Self.seconds(ingestTime))
        }

        /// 100 episodes of 2–5 minutes, spread evenly like the ingest benchmark's, with asset ids
        /// of their own so every task's content (and cast) differs.
        static func episodes(ofTask index: Int) -> [SimulatedResultArchive.Episode] {
            let count = SearchBenchmark.episodesPerTask
            return (0..<count).map { number in
                let duration = 120 + 180 * Double(number) / Double(max(count - 1, 1))
                return SimulatedResultArchive.Episode(
                    key: String(number + 1), assetID: "search-bench-\(index)-\(number + 1)", durationSeconds: duration.rounded())
            }
        }

        private func generate(task index: Int) -> Task<URL, any Error> {
            let url = zipDirectory.appendingPathComponent("task-\(index).zip")
            return Task.detached {
                try? FileManager.default.removeItem(at: url)
                try SimulatedResultArchive.write(
                    to: url, taskID: "search-bench-\(index)", episodes: Self.episodes(ofTask: index),
                    language: SearchBenchmark.language(ofTask: index))
                return url
            }
        }

        private func ingest(task index: Int, archive: URL) async throws -> IngestSummary {
            let (taskId, map) = try await database.writer.write { [organizationId, projectId] db in
                try Self.insertTask(index, organizationId: organizationId, projectId: projectId, db: db)
            }
            return try await ResultIngest(database: database).ingest(
                archiveAt: archive, taskId: taskId, organizationId: organizationId, episodes: map)
        }

        /// The drama, its episodes and one completed task over them, as a submit would leave them.
        private static func insertTask(
            _ index: Int, organizationId: Int64, projectId: Int64, db: Database
        ) throws -> (taskId: Int64, map: [String: Int64?]) {
            let now = Date()
            let episodes = Self.episodes(ofTask: index)
            try db.execute(
                sql: """
                    INSERT INTO drama (organizationId, projectId, title, language, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [organizationId, projectId, "Search bench \(index + 1)", SearchBenchmark.language(ofTask: index), now, now])
            let dramaId = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO task (organizationId, projectId, dramaId, credentialKind, accountFingerprint, submitTokenHash, mode,
                        requestJSON, episodeCount, estimatedCostCents, status, createdAt, updatedAt)
                    VALUES (?, ?, ?, 'simulator', 'bench-search', ?, 'short_drama', '{}', ?, 0, 'completed', ?, ?)
                    """,
                arguments: [organizationId, projectId, dramaId, "search-bench-\(index)", episodes.count, now, now])
            let taskId = db.lastInsertedRowID
            let insertEpisode = try db.cachedStatement(sql: """
                INSERT INTO episode (organizationId, dramaId, number, assetId, durationSeconds, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertTaskEpisode = try db.cachedStatement(sql: """
                INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, durationSeconds, estimatedCostCents)
                VALUES (?, ?, ?, ?, ?, 0)
                """)
            var map: [String: Int64?] = [:]
            for (offset, episode) in episodes.enumerated() {
                try insertEpisode.execute(arguments: [organizationId, dramaId, offset + 1, episode.assetID, episode.durationSeconds, now, now])
                let episodeId = db.lastInsertedRowID
                try insertTaskEpisode.execute(arguments: [taskId, offset + 1, episodeId, episode.assetID, episode.durationSeconds])
                map[episode.key] = episodeId
            }
            return (taskId, map)
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}

// MARK: - Sizes and indexing speed

extension SearchBenchmark {
    /// Where the database's bytes are (from `dbstat`, after a checkpoint).
    public struct Sizes: Sendable {
        public let fileBytes: Int64
        /// The FTS5 shadow tables by name (`storyboardSearch_data`, `_content`, `_docsize`, `_idx`, `_config`).
        public let searchTables: [(name: String, bytes: Int64)]
        /// `searchEntry` and its indexes.
        public let entryBytes: Int64
        public var searchBytes: Int64 { searchTables.reduce(0) { $0 + $1.bytes } }
    }

    public static func sizes(of database: AppDatabase, path: String) async throws -> Sizes {
        let fileBytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        return try await database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            var search: [(name: String, bytes: Int64)] = []
            var entry: Int64 = 0
            for row in rows {
                let name: String = row[0]
                let bytes: Int64 = row[1]
                if name.hasPrefix("storyboardSearch") {
                    search.append((name, bytes))
                } else if name.hasPrefix("searchEntry") {
                    entry += bytes
                }
            }
            return Sizes(fileBytes: fileBytes, searchTables: search.sorted { $0.bytes > $1.bytes }, entryBytes: entry)
        }
    }

    /// FTS5 indexing speed with one tokenizer: the newest `entries` indexed texts copied into
    /// a temporary FTS5 table, in one transaction.
    public struct IndexingRate: Sendable {
        public let tokenizer: String
        public let entries: Int
        public let characters: Int
        public let seconds: Double
    }

    /// `cjk` against `unicode61` (which leaves CJK runs whole) on the same texts: the gap is what
    /// bigrams cost, tokenizer and bigger index together.
    public static func indexingRates(of database: AppDatabase, entries: Int) async throws -> [IndexingRate] {
        try await database.writer.writeWithoutTransaction { db in
            let characters = try Int.fetchOne(db, sql: """
                SELECT SUM(length(c1)) FROM (SELECT c1 FROM storyboardSearch_content ORDER BY id DESC LIMIT ?)
                """, arguments: [entries]) ?? 0
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT id FROM storyboardSearch_content ORDER BY id DESC LIMIT ?)",
                                         arguments: [entries]) ?? 0
            return try ["cjk", "unicode61"].map { tokenizer in
                try db.execute(sql: "DROP TABLE IF EXISTS temp.searchBenchIndexing")
                try db.execute(sql: "CREATE VIRTUAL TABLE temp.searchBenchIndexing USING fts5(scope, body, tokenize = '\(tokenizer)')")
                defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.searchBenchIndexing") }
                let start = ContinuousClock.now
                try db.inTransaction {
                    try db.execute(sql: """
                        INSERT INTO temp.searchBenchIndexing (scope, body)
                        SELECT c0, c1 FROM storyboardSearch_content ORDER BY id DESC LIMIT ?
                        """, arguments: [entries])
                    return .commit
                }
                let seconds = CorpusBuilder.seconds(ContinuousClock.now - start)
                return IndexingRate(tokenizer: tokenizer, entries: count, characters: characters, seconds: seconds)
            }
        }
    }
}

// MARK: - The query mix

extension SearchBenchmark {
    /// One typed query and, for a single indexed term, how many entries contain it.
    public struct Query: Sendable {
        public let text: String
        public let entries: Int?
    }

    public struct QueryClass: Sendable {
        public let name: String
        public let summary: String
        public let queries: [Query]
    }

    /// Share thresholds, over indexed entries.
    static let frequentShare = 0.10
    static let rareShare = 0.001

    /// Everyday words of the generator's short dramas (contract marriage, hidden heir, hospital
    /// reveal…) and cast names; those between the rare and frequent thresholds are "words".
    static let typicalWords = [
        "总裁", "医院", "离婚", "合同", "孩子", "报告", "妻子", "医生", "契约", "秘书", "妈咪", "爹地", "鉴定", "集团", "婚姻",
        "五年", "董事", "记者", "真相", "支票", "婚约", "婚纱", "病房", "手机", "宴会", "亲生", "结婚", "证据", "红酒", "父亲",
        "顾总", "陆总", "沈总", "霍总", "晚晴", "若曦", "北辰", "言深", "少爷", "夫人",
    ]
    /// Words the generator never writes: searches that find nothing.
    static let absentWords = ["量子", "恐龙", "熊猫", "足球", "火锅", "地铁", "高铁", "芯片"]
    /// One character: `SearchQuery` turns each into a prefix query (`"妈"*`), every bigram starting
    /// with it. The first five are each in 23–32% of the generator's lines, the most frequent
    /// searches there are: no two-character word of its vocabulary reaches 10%.
    static let singleCharacters = ["你", "我", "是", "的", "了", "妈", "总", "婚", "医", "死"]
    /// English words, prefixes and phrases (the English slice is 5% of the corpus).
    static let englishQueries = [
        "ceo*", "contr*", "wife", "hospital", "\"marriage contract\"", "five years", "sign*", "the", "paternity", "mom*",
        "ma*", "\"I'll sign\"", "daddy", "wine dress", "\"five years ago\"", "madam", "sweetie", "quarter*", "registry", "ice cream",
    ]

    /// Builds the classes from what the index holds: term frequencies from `fts5vocab`,
    /// phrases cut from random dialogue lines.
    public static func queryMix(database: AppDatabase, seed: UInt64 = 1) async throws -> [QueryClass] {
        try await database.writer.writeWithoutTransaction { db in
            let vocabulary = try Vocabulary.load(db)
            var random = SeededGenerator(seed: seed)
            let lines = try Self.sampleLines(db, count: 400, random: &random)
            return [
                frequent(vocabulary),
                rare(vocabulary),
                words(vocabulary),
                phrases(from: lines.chinese, random: &random),
                multiWord(from: lines.chinese, vocabulary: vocabulary, random: &random),
                QueryClass(
                    name: "english", summary: "English words, prefixes (ceo*, ma*) and phrases; 5% of episodes",
                    queries: englishQueries.map { Query(text: $0, entries: vocabulary.entries[$0.lowercased()]) }),
                QueryClass(
                    name: "1-char", summary: "one CJK character, searched as a prefix (\"你\"*); 你 我 是 的 了 are in 23–32% of lines",
                    queries: singleCharacters.map { Query(text: $0, entries: nil) }),
            ]
        }
    }

    private static func describe(_ queries: [Query], total: Int) -> String {
        let shares = queries.compactMap(\.entries).map { Double($0) / Double(max(total, 1)) * 100 }
        guard let low = shares.min(), let high = shares.max() else { return "" }
        return String(format: "%.3g–%.3g%% of entries", low, high)
    }

    private static func frequent(_ vocabulary: Vocabulary) -> QueryClass {
        let ranked = vocabulary.bigrams.sorted { $0.value > $1.value }
        let threshold = Int(Double(vocabulary.entryCount) * frequentShare)
        var chosen = ranked.prefix { $0.value >= threshold }.prefix(10).map { Query(text: $0.key, entries: $0.value) }
        var summary = "2-char terms in ≥10% of entries"
        if chosen.count < 5 {
            // The generator's vocabulary may have few such terms: take the most frequent there are.
            chosen = ranked.prefix(10).map { Query(text: $0.key, entries: $0.value) }
            summary = "the 10 most frequent 2-char terms"
        }
        return QueryClass(name: "frequent", summary: summary + ", " + describe(chosen, total: vocabulary.entryCount), queries: chosen)
    }

    private static func rare(_ vocabulary: Vocabulary) -> QueryClass {
        let threshold = Int(Double(vocabulary.entryCount) * rareShare)
        let rare = vocabulary.bigrams.filter { $0.value < threshold }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        // The rarest five (found 1–5 times if such terms exist), then ten spread up to the threshold.
        var chosen = Array(rare.prefix(5))
        let rest = rare.dropFirst(5)
        if !rest.isEmpty {
            let step = max(1, rest.count / 10)
            chosen += stride(from: rest.startIndex, to: rest.endIndex, by: step).prefix(10).map { rest[$0] }
        }
        let absent = absentWords.filter { vocabulary.entries[$0] == nil }.prefix(5)
        let queries = chosen.map { Query(text: $0.key, entries: $0.value) } + absent.map { Query(text: $0, entries: 0) }
        return QueryClass(
            name: "rare", summary: "2-char terms in <0.1% of entries, and \(absent.count) never found; "
                + describe(queries, total: vocabulary.entryCount),
            queries: queries)
    }

    private static func words(_ vocabulary: Vocabulary) -> QueryClass {
        let low = Double(vocabulary.entryCount) * rareShare
        let high = Double(vocabulary.entryCount) * frequentShare
        let queries = typicalWords.compactMap { word -> Query? in
            guard let entries = vocabulary.entries[word], Double(entries) >= low, Double(entries) < high else { return nil }
            return Query(text: word, entries: entries)
        }
        return QueryClass(
            name: "words", summary: "typical 2-char words and names (总裁, 医院, 离婚, 顾总…), "
                + describe(queries, total: vocabulary.entryCount),
            queries: queries)
    }

    /// 3–6 consecutive characters of random lines, typed as is (the tokenizer makes them phrases).
    private static func phrases(from lines: [String], random: inout SeededGenerator) -> QueryClass {
        var queries: [Query] = []
        for line in lines where queries.count < 20 {
            let runs = cjkRuns(line).filter { $0.count >= 3 }
            guard let run = runs.randomElement(using: &random) else { continue }
            let length = Int.random(in: 3...min(6, run.count), using: &random)
            let start = Int.random(in: 0...(run.count - length), using: &random)
            let phrase = String(run[start..<(start + length)])
            // Every other one in quotes, the way someone pasting a line might.
            let text = queries.count % 2 == 0 ? phrase : "\"\(phrase)\""
            if !queries.contains(where: { $0.text == text }) { queries.append(Query(text: text, entries: nil)) }
        }
        return QueryClass(name: "phrase", summary: "3–6 characters cut from random lines", queries: queries)
    }

    /// Two 2-char words of one random line (`A B`, both must match), some with an exclusion (`A -C`).
    private static func multiWord(from lines: [String], vocabulary: Vocabulary, random: inout SeededGenerator) -> QueryClass {
        var queries: [Query] = []
        let words = typicalWords.filter { vocabulary.entries[$0] != nil }
        for line in lines.reversed() where queries.count < 16 {
            let bigrams = cjkRuns(line).flatMap { run in run.indices.dropLast().map { String(run[$0...($0 + 1)]) } }
            guard bigrams.count >= 4, let first = bigrams.first, let last = bigrams.last else { continue }
            var text = "\(first) \(last)"
            if queries.count % 4 == 3, let excluded = words.randomElement(using: &random), !line.contains(excluded) {
                text = "\(first) -\(excluded)"
            }
            if !queries.contains(where: { $0.text == text }) { queries.append(Query(text: text, entries: nil)) }
        }
        return QueryClass(name: "multi-word", summary: "two words of one line (A B), some excluding a word (A -C)", queries: queries)
    }

    /// Random dialogue lines of the organisation, Chinese ones apart.
    private static func sampleLines(_ db: Database, count: Int, random: inout SeededGenerator) throws -> (chinese: [String], all: [String]) {
        let maxId = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM dialogueLine") ?? 0
        guard maxId > 0 else { return ([], []) }
        let ids = (0..<count).map { _ in Int64.random(in: 1...maxId, using: &random) }
        let statement = try db.cachedStatement(sql: "SELECT text FROM dialogueLine WHERE id = ?")
        let texts = try ids.compactMap { try String.fetchOne(statement, arguments: [$0]) }
        return (texts.filter { !cjkRuns($0).isEmpty }, texts)
    }

    /// The runs of consecutive CJK characters in `text`.
    static func cjkRuns(_ text: String) -> [[Character]] {
        var runs: [[Character]] = []
        var current: [Character] = []
        for character in text {
            if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, CJK.isCJK(scalar.value) {
                current.append(character)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// How many indexed entries hold each term, from the index itself (`fts5vocab`, type `row`).
    struct Vocabulary {
        /// Every term of the index → entries containing it.
        let entries: [String: Int]
        /// The two-CJK-character terms among them.
        let bigrams: [String: Int]
        let entryCount: Int

        static func load(_ db: Database) throws -> Vocabulary {
            try db.execute(sql: "DROP TABLE IF EXISTS temp.searchBenchVocabulary")
            try db.execute(sql: "CREATE VIRTUAL TABLE temp.searchBenchVocabulary USING fts5vocab(main, storyboardSearch, row)")
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.searchBenchVocabulary") }
            var entries: [String: Int] = [:]
            var bigrams: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT term, doc FROM temp.searchBenchVocabulary")
            while let row = try rows.next() {
                let term: String = row[0]
                let doc: Int = row[1]
                entries[term] = doc
                let scalars = term.unicodeScalars
                if scalars.count == 2, scalars.allSatisfy({ CJK.isCJK($0.value) }) { bigrams[term] = doc }
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchEntry") ?? 0
            return Vocabulary(entries: entries, bigrams: bigrams, entryCount: count)
        }
    }
}

// MARK: - Timing

extension SearchBenchmark {
    /// One distinct query's timings.
    public struct QueryTiming: Sendable {
        public let query: Query
        public var milliseconds: [Double] = []
        /// Matches ranked (at most `SearchRepository.rankedWindow`) and whether there were more.
        public var ranked = 0
        public var isBounded = false
    }

    public struct ClassTiming: Sendable {
        public let queryClass: QueryClass
        public var queries: [QueryTiming]
        public var milliseconds: [Double] { queries.flatMap(\.milliseconds) }
    }

    /// Runs every query once to warm up, then `runsPerClass` timed searches per class, the
    /// classes interleaved in a random order so none profits from another's cache.
    public static func measure(
        _ classes: [QueryClass], database: AppDatabase, organizationId: Int64, runsPerClass: Int, seed: UInt64 = 2
    ) async throws -> [ClassTiming] {
        let repository = SearchRepository(database: database, cache: nil)
        var timings = classes.map { ClassTiming(queryClass: $0, queries: $0.queries.map { QueryTiming(query: $0) }) }
        var schedule: [(Int, Int)] = []  // (class, query)
        for (c, queryClass) in classes.enumerated() where !queryClass.queries.isEmpty {
            schedule += (0..<runsPerClass).map { (c, $0 % queryClass.queries.count) }
        }
        var random = SeededGenerator(seed: seed)
        schedule.shuffle(using: &random)
        for queryClass in classes {
            for query in queryClass.queries {
                guard let parsed = SearchQuery(query.text) else { continue }
                _ = try await repository.search(parsed, organizationId: organizationId)
            }
        }
        for (c, q) in schedule {
            guard let parsed = SearchQuery(timings[c].queries[q].query.text) else { continue }
            let start = ContinuousClock.now
            let results = try await repository.search(parsed, organizationId: organizationId)
            let elapsed = ContinuousClock.now - start
            timings[c].queries[q].milliseconds.append(CorpusBuilder.seconds(elapsed) * 1000)
            timings[c].queries[q].ranked = results.ranked
            timings[c].queries[q].isBounded = results.isBounded
        }
        return timings
    }

    /// The nearest-rank percentile `p` (0–100) of `values`.
    public static func percentile(_ p: Double, of values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// SplitMix64: reproducible picks, so two runs measure the same queries.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Where the time goes

extension SearchBenchmark {
    /// Median milliseconds of each statement `SearchRepository.search` runs for page 1, each
    /// timed alone, plus probes that split the ranked statement's cost. The SQL is copied from
    /// SearchRepository (keep it in step): this is a diagnosis, the timings above are the real path.
    public struct StatementTimes: Sendable {
        /// The newest `rankedWindow` matching rowids, without ranking: iterating the MATCH.
        public var match = 0.0
        /// The same without the `scope : ("o…")` filter: what ANDing the scope token costs.
        public var unscoped = 0.0
        /// The rank function on the newest match only: its first call counts each body phrase's matches (IDF).
        public var firstBM25 = 0.0
        /// The ranked CTE (`SearchRepository.rankedSQL`) over the window, page 1.
        public var ranked = 0.0
        /// The details join (with each hit's text), once per hit.
        public var details = 0.0
        /// `SearchHighlighter` over the hits' texts, in Swift.
        public var highlight = 0.0
        /// All matches (diagnostic only; search never counts them).
        public var matches = 0
        public var hits = 0
    }

    public static func profile(
        _ classes: [QueryClass], database: AppDatabase, organizationId: Int64, runs: Int
    ) async throws -> [[StatementTimes]] {
        var result: [[StatementTimes]] = []
        for queryClass in classes {
            var times: [StatementTimes] = []
            for query in queryClass.queries {
                guard let parsed = SearchQuery(query.text) else { continue }
                times.append(try await database.writer.read { db in
                    try StatementProfiler(db: db, query: parsed, organizationId: organizationId, runs: runs).measure()
                })
            }
            result.append(times)
        }
        return result
    }

    /// The SQL of `SearchRepository.search`, one statement at a time.
    struct StatementProfiler {
        let db: Database
        let query: SearchQuery
        let organizationId: Int64
        let runs: Int

        var match: String { "scope : (\"o\(organizationId)\") AND \(query.matchExpression(column: "body"))" }
        var window: Int { SearchRepository.rankedWindow }

        func measure() throws -> StatementTimes {
            var times = StatementTimes()
            let match = self.match
            times.matches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardSearch WHERE storyboardSearch MATCH ?",
                                             arguments: [match]) ?? 0
            times.match = try median {
                _ = try Int64.fetchAll(db, sql: "SELECT rowid FROM storyboardSearch WHERE storyboardSearch MATCH ? ORDER BY rowid DESC LIMIT ?",
                                       arguments: [match, window])
            }
            times.unscoped = try median {
                _ = try Int64.fetchAll(db, sql: "SELECT rowid FROM storyboardSearch WHERE storyboardSearch MATCH ? ORDER BY rowid DESC LIMIT ?",
                                       arguments: [query.matchExpression(column: "body"), window])
            }
            times.firstBM25 = try median {
                _ = try Double.fetchOne(db, sql: """
                    SELECT showrunner_rank(storyboardSearch, 1) FROM storyboardSearch WHERE storyboardSearch MATCH ? ORDER BY rowid DESC LIMIT 1
                    """, arguments: [match])
            }
            var ids: [Int64] = []
            times.ranked = try median {
                let rows = try Row.fetchAll(db, sql: SearchRepository.rankedSQL, arguments: [
                    "match": match, "scopes": 1, "window": window, "limit": SearchRepository.pageSize, "offset": 0,
                ])
                ids = rows.map { $0[0] }
            }
            times.hits = ids.count
            // The details join fetches each hit's text; SearchHighlighter marks it in Swift.
            let details = try db.cachedStatement(sql: SearchRepository.detailsSQL)

            var texts: [String] = []
            times.details = try median {
                texts = try ids.map { id in
                    let text: String? = try Row.fetchOne(details, arguments: [id, organizationId])?[12]
                    return text ?? ""
                }
            }
            times.highlight = try median {
                for text in texts { _ = SearchHighlighter.segments(text, query: query) }
            }
            return times
        }

        private func median(_ body: () throws -> Void) throws -> Double {
            var samples: [Double] = []
            for _ in 0..<max(runs, 1) {
                let start = ContinuousClock.now
                try body()
                samples.append(CorpusBuilder.seconds(ContinuousClock.now - start) * 1000)
            }
            return SearchBenchmark.percentile(50, of: samples)
        }
    }

    /// `EXPLAIN QUERY PLAN` of the ranked statement, one step a line.
    public static func rankedQueryPlan(database: AppDatabase, organizationId: Int64) async throws -> [String] {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN\n" + SearchRepository.rankedSQL, arguments: ["match": "x", "scopes": 1, "window": SearchRepository.rankedWindow, "limit": 20, "offset": 0]
            ).map { row in row["detail"] ?? "" }
        }
    }
}
