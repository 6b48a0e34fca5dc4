import Foundation
import GRDB
import Logging
import MemoriesClient
import MemoriesSimulator
import ZIPFoundation

/// The `showrunner bench-storyboard` workload (benchmarks/storyboard.sh): a database file with
/// the real migrations, an owner who can log in, and one drama with two ingested episodes:
///
/// - a typical episode of exactly 25 scenes, ~150 shots and ~150–250 lines;
/// - a stress episode of 1,000 scenes (~6,000 shots, ~6,000 lines).
///
/// Both are assembled from the simulator's content generator (scenes picked from a pool of
/// generated episodes, renumbered and moved in time) and go through the real `ResultIngest`,
/// so they pass the same parser, invariant and consistency checks as a download.
public enum StoryboardBenchmark {
    public static let email = "storyboard-bench@example.com"
    public static let password = "storyboard benchmark passphrase"
    public static let organizationName = "Storyboard Bench"
    static let taskID = "bench-storyboard"

    /// What an episode should hold; shots are matched to `shots` as closely as the pool allows.
    public struct Shape: Sendable, Equatable {
        public var scenes: Int
        public var shots: Int
        /// Lines to aim for as well, when set.
        public var lines: Int?

        public init(scenes: Int, shots: Int, lines: Int? = nil) {
            self.scenes = scenes
            self.shots = shots
            self.lines = lines
        }

        public static let typical = Shape(scenes: 25, shots: 150)
        public static let stress = Shape(scenes: 1_000, shots: 6_000)
    }

    public struct Episode: Sendable {
        public let id: Int64
        public let runId: Int64
        public let scenes: Int
        public let shots: Int
        public let lines: Int
        public let comments: Int
    }

    public struct Prepared: Sendable {
        public let organizationSlug: String
        public let email: String
        public let password: String
        public let typical: Episode
        public let stress: Episode
        public let ingestSeconds: Double
    }

    /// Builds everything in a fresh database at `databasePath` (which must not exist yet).
    public static func prepare(
        databasePath: String, migrationsDirectory: URL, bcryptCost: UInt8 = 12, logger: Logger,
        typical typicalShape: Shape = .typical, stress stressShape: Shape = .stress
    ) async throws -> Prepared {
        let database = try AppDatabase.open(path: databasePath, migrationsDirectory: migrationsDirectory, logger: logger)
        let admin = try await AdminTasks.createAdmin(
            database: database, email: email, displayName: "Bench Supervisor", password: password,
            organization: organizationName, bcryptCost: bcryptCost
        )
        let organizationId = admin.organization.id
        let userId = admin.user.id

        let results = files(typical: typicalShape, stress: stressShape)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-storyboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let zip = work.appendingPathComponent("result.zip")
        try write(results, to: zip)

        let (taskId, episodeIds) = try await database.writer.write { db in
            try insertCatalogAndTask(db, organizationId: organizationId, userId: userId, storyboards: results.storyboards)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await ResultIngest(database: database).ingest(
            archiveAt: zip, taskId: taskId, organizationId: organizationId,
            episodes: Dictionary(uniqueKeysWithValues: episodeIds.map { ($0.key, Optional($0.value)) }),
            inTransaction: { db, _ in
                try db.execute(sql: "UPDATE task SET resultStatus = 'ingested' WHERE id = ?", arguments: [taskId])
            }
        )
        let ingestSeconds = (clock.now - start).seconds

        var made: [String: Episode] = [:]
        for episode in summary.episodes {
            guard let episodeId = episode.episodeId else { continue }
            let comments = try await addComments(
                database: database, organizationId: organizationId, episodeId: episodeId, runId: episode.runId,
                sceneCount: episode.sceneCount, userId: userId
            )
            made[episode.key] = Episode(
                id: episodeId, runId: episode.runId, scenes: episode.sceneCount, shots: episode.shotCount, lines: episode.lineCount,
                comments: comments
            )
        }
        guard let typical = made["1"], let stress = made["2"] else {
            throw BenchmarkError("ingest stored \(summary.episodes.count) episodes, expected 2")
        }
        // Leave a compact file behind: the server starts on it at once.
        try await database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return Prepared(
            organizationSlug: admin.organization.slug, email: email, password: password, typical: typical, stress: stress,
            ingestSeconds: ingestSeconds
        )
    }

    struct BenchmarkError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: - Result files

    /// Episode "1" (typical) and "2" (stress) with one namelist, all from the simulator's generator.
    static func files(typical: Shape, stress: Shape) -> GeneratedResults {
        results(
            [(key: "1", assetID: "bench-typical", shape: typical, seed: 1), (key: "2", assetID: "bench-stress", shape: stress, seed: 2)],
            from: ScenePool.make()
        )
    }

    /// One result archive's files: an episode per entry, composed from `pool`, and the
    /// namelist with each character's appearances in them.
    static func results(_ episodes: [(key: String, assetID: String, shape: Shape, seed: Int)], from pool: ScenePool) -> GeneratedResults {
        let contents = episodes.map { pool.compose(shape: $0.shape, key: $0.key, assetID: $0.assetID, seed: $0.seed) }
        let characters = pool.namelist.characters.compactMap { character -> NamelistCharacter? in
            var character = character
            character.appearances = contents.compactMap { storyboard, transcript in
                let scenes = storyboard.scenes.filter { $0.characterIDs.contains(character.id) }
                guard let firstScene = scenes.first, let lastScene = scenes.last else { return nil }
                return CharacterAppearance(
                    episode: storyboard.episode, sceneCount: scenes.count,
                    lineCount: transcript.lines.filter { $0.speakerID == character.id }.count,
                    firstSeen: firstScene.start, lastSeen: lastScene.end
                )
            }
            return character.appearances.isEmpty ? nil : character
        }
        var namelist = pool.namelist
        namelist.characters = characters
        return GeneratedResults(storyboards: contents.map(\.0), transcripts: contents.map(\.1), namelist: namelist)
    }

    /// Scenes of many generated episodes (one drama, one cast), each with its own lines.
    struct ScenePool {
        struct Item {
            let scene: StoryboardScene
            let lines: [TranscriptLine]
        }

        let items: [Item]
        let namelist: NamelistFile
        let language: String

        static func make(episodeCount: Int = 40) -> ScenePool {
            let episodes = SimulatedResultArchive.demoEpisodes(count: episodeCount, spreading: 180...300)
            let results = ScreenplayContentGenerator.generate(
                taskID: StoryboardBenchmark.taskID,
                episodes: episodes.map { (key: $0.key, assetID: $0.assetID + "-\($0.key)", durationSeconds: $0.durationSeconds) },
                language: "zh-CN", faceRecognition: true, useSubtitle: false
            )
            var items: [Item] = []
            for (storyboard, transcript) in zip(results.storyboards, results.transcripts) {
                let byScene = Dictionary(grouping: transcript.lines, by: \.sceneNumber)
                for scene in storyboard.scenes {
                    items.append(Item(scene: scene, lines: byScene[scene.number] ?? []))
                }
            }
            return ScenePool(items: items, namelist: results.namelist, language: results.namelist.language)
        }

        /// `shape.scenes` scenes, back to back from 0 s, picked so their shots add up to about
        /// `shape.shots`; shots and lines renumbered, times moved, ids rewritten.
        func compose(shape: Shape, key: String, assetID: String, seed: Int) -> (StoryboardFile, TranscriptFile) {
            var scenes: [StoryboardScene] = []
            var lines: [TranscriptLine] = []
            scenes.reserveCapacity(shape.scenes)
            var cursor = (seed * 7919) % max(items.count, 1)
            var timeMs = 0
            var shotNumber = 0
            var used = 0
            for index in 0..<shape.scenes {
                // Aim each pick at the average the remaining scenes need.
                let remaining = shape.scenes - index
                let wanted = Double(shape.shots - used) / Double(remaining)
                let wantedLines = shape.lines.map { Double($0 - lines.count) / Double(remaining) }
                var best = cursor
                var bestDistance = Double.infinity
                for step in 0..<64 {
                    let candidate = (cursor + step) % items.count
                    // Lines weigh triple, from a wide window: the pool's scenes have fewer lines per
                    // shot than most shapes ask for (with 24 candidates and double weight the pages
                    // data set stopped at 949,621 of its 1,000,000 lines).
                    let lineDistance = wantedLines.map { 3 * abs(Double(items[candidate].lines.count) - $0) } ?? 0
                    let distance = abs(Double(items[candidate].scene.shots.count) - wanted) + lineDistance
                    if distance < bestDistance {
                        best = candidate
                        bestDistance = distance
                    }
                }
                cursor = (best + 1) % items.count
                let item = items[best]
                let number = index + 1
                let delta = timeMs - Self.ms(item.scene.start)
                var shotNumbers: [Int: Int] = [:]
                var lineIDs: [String: String] = [:]
                var movedLines: [TranscriptLine] = []
                for shot in item.scene.shots {
                    shotNumber += 1
                    shotNumbers[shot.number] = shotNumber
                }
                for line in item.lines {
                    let id = "e\(key)-l\(String(format: "%04d", lines.count + movedLines.count + 1))"
                    lineIDs[line.id] = id
                    var moved = line
                    moved.id = id
                    moved.start = Self.moved(line.start, by: delta)
                    moved.end = Self.moved(line.end, by: delta)
                    moved.sceneNumber = number
                    moved.shotNumber = shotNumbers[line.shotNumber] ?? 0
                    movedLines.append(moved)
                }
                var scene = item.scene
                scene.number = number
                scene.start = Self.moved(scene.start, by: delta)
                scene.end = Self.moved(scene.end, by: delta)
                scene.shots = item.scene.shots.map { shot in
                    var shot = shot
                    shot.number = shotNumbers[shot.number] ?? 0
                    shot.start = Self.moved(shot.start, by: delta)
                    shot.end = Self.moved(shot.end, by: delta)
                    shot.lineIDs = shot.lineIDs.compactMap { lineIDs[$0] }
                    return shot
                }
                used += scene.shots.count
                timeMs = Self.ms(scene.end)
                scenes.append(scene)
                lines.append(contentsOf: movedLines)
            }
            let lastLineEnd = lines.map(\.end).max() ?? 0
            let duration = max(Double(timeMs) / 1000, lastLineEnd)
            let storyboard = StoryboardFile(
                taskID: StoryboardBenchmark.taskID, episode: key, assetID: assetID, language: language, durationSeconds: duration,
                scenes: scenes
            )
            let transcript = TranscriptFile(
                taskID: StoryboardBenchmark.taskID, episode: key, assetID: assetID, language: language, source: .asr,
                durationSeconds: duration, lines: lines
            )
            return (storyboard, transcript)
        }

        /// The generator keeps times to the millisecond; moving in whole milliseconds keeps order and gaps.
        static func ms(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }
        static func moved(_ seconds: Double, by deltaMs: Int) -> Double { Double(ms(seconds) + deltaMs) / 1000 }
    }

    static func write(_ results: GeneratedResults, to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (storyboard, transcript) in zip(results.storyboards, results.transcripts) {
            try SimulatedResultArchive.add(
                SimulatedResultArchive.json(storyboard), as: ResultFileName.storyboard(episode: storyboard.episode), to: archive
            )
            try SimulatedResultArchive.add(
                SimulatedResultArchive.json(transcript), as: ResultFileName.transcript(episode: transcript.episode), to: archive
            )
        }
        try SimulatedResultArchive.add(SimulatedResultArchive.json(results.namelist), as: ResultFileName.namelist, to: archive)
    }

    // MARK: - Catalog, task and comments

    /// A project, a drama with one episode per storyboard and one completed task over them.
    private static func insertCatalogAndTask(
        _ db: Database, organizationId: Int64, userId: Int64, storyboards: [StoryboardFile]
    ) throws -> (taskId: Int64, episodeIds: [String: Int64]) {
        let now = Date()
        try db.execute(
            sql: "INSERT INTO project (organizationId, name, description, createdAt, updatedAt) VALUES (?, 'Benchmarks', 'Storyboard page benchmark', ?, ?)",
            arguments: [organizationId, now, now]
        )
        let projectId = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO drama (organizationId, projectId, title, language, createdAt, updatedAt) VALUES (?, ?, 'The Hidden Heir', 'zh-CN', ?, ?)",
            arguments: [organizationId, projectId, now, now]
        )
        let dramaId = db.lastInsertedRowID
        try db.execute(
            sql: """
                INSERT INTO task (organizationId, projectId, dramaId, credentialKind, accountFingerprint, submitTokenHash, mode,
                    requestJSON, episodeCount, estimatedCostCents, status, resultStatus, submittedByUserId, createdAt, updatedAt)
                VALUES (?, ?, ?, 'simulator', 'bench', ?, 'short_drama', '{}', ?, 0, 'completed', 'ingesting', ?, ?, ?)
                """,
            arguments: [organizationId, projectId, dramaId, UUID().uuidString, storyboards.count, userId, now, now]
        )
        let taskId = db.lastInsertedRowID
        var episodeIds: [String: Int64] = [:]
        for storyboard in storyboards {
            guard let number = Int(storyboard.episode) else { continue }
            let title = number == 1 ? "Typical (25 scenes)" : "Stress (\(storyboard.scenes.count) scenes)"
            try db.execute(
                sql: """
                    INSERT INTO episode (organizationId, dramaId, number, title, assetId, durationSeconds, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [organizationId, dramaId, number, title, storyboard.assetID, storyboard.durationSeconds, now, now]
            )
            let episodeId = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO taskEpisode (taskId, episodeNumber, episodeId, assetId, durationSeconds, estimatedCostCents)
                    VALUES (?, ?, ?, ?, ?, 0)
                    """,
                arguments: [taskId, number, episodeId, storyboard.assetID, storyboard.durationSeconds]
            )
            episodeIds[storyboard.episode] = episodeId
        }
        return (taskId, episodeIds)
    }

    /// A handful of review comments (two resolved), as a page under review has.
    static func addComments(
        database: AppDatabase, organizationId: Int64, episodeId: Int64, runId: Int64, sceneCount: Int, userId: Int64
    ) async throws -> Int {
        let repository = CommentRepository(database: database)
        let bodies = [
            "The slug line says night but the shot is lit like day.",
            "Speaker of the second line looks wrong; check the face cluster.",
            "Shot size reads as a close-up, not a medium shot.",
            "Summary misses the phone call that ends the scene.",
            "Timing of the first line is a little early.",
            "Good scene, keep as is.",
        ]
        for (index, body) in bodies.enumerated() {
            let scene = 1 + (index * 7) % max(sceneCount, 1)
            let id = try await repository.add(
                body, at: .init(sceneNumber: scene), organizationId: organizationId, episodeId: episodeId, runId: runId, userId: userId
            )
            if index >= 4 {
                try await repository.setResolved(true, commentId: id, organizationId: organizationId, episodeId: episodeId, userId: userId)
            }
        }
        return bodies.count
    }
}

