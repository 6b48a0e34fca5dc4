import Foundation
import MemoriesClient
import MemoriesSimulator
import Showrunner

/// Result zips for ingest tests: the simulator's content (deterministic per asset), written
/// like the simulator's download, or as hand-crafted zips with some file broken on purpose.
enum IngestFixtures {
    static let taskID = "ros-sd-test"
    /// Three demo videos of 2–5 minutes.
    static let episodes = SimulatedResultArchive.demoEpisodes(count: 3)

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A zip written by `SimulatedResultArchive` (ZIPFoundation, deflated), as downloads are.
    static func simulatorZip(
        episodes: [SimulatedResultArchive.Episode] = episodes,
        outputs: SimulatedResultArchive.Outputs = .json,
        language: String = "zh-CN"
    ) throws -> URL {
        let url = temporaryDirectory().appendingPathComponent("result.zip")
        try SimulatedResultArchive.write(to: url, taskID: taskID, episodes: episodes, language: language, outputs: outputs)
        return url
    }

    /// The content `simulatorZip` holds, to compare against what was stored.
    static func generated(episodes: [SimulatedResultArchive.Episode] = episodes, language: String = "zh-CN") -> GeneratedResults {
        ScreenplayContentGenerator.generate(
            taskID: taskID, episodes: episodes.map { (key: $0.key, assetID: $0.assetID, durationSeconds: $0.durationSeconds) },
            language: language, faceRecognition: true, useSubtitle: false
        )
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Stored JSON entries for `results`, after `edit` has had its way with them.
    static func jsonEntries(
        _ results: GeneratedResults,
        storyboard edit: (inout StoryboardFile) -> Void = { _ in },
        transcript editTranscript: (inout TranscriptFile) -> Void = { _ in }
    ) throws -> [CraftedZip.Entry] {
        var entries: [CraftedZip.Entry] = []
        for (storyboard, transcript) in zip(results.storyboards, results.transcripts) {
            // Files keep their original names whatever the edits say inside them.
            let key = storyboard.episode
            var storyboard = storyboard
            var transcript = transcript
            edit(&storyboard)
            editTranscript(&transcript)
            entries.append(.stored(ResultFileName.storyboard(episode: key), try json(storyboard)))
            entries.append(.stored(ResultFileName.transcript(episode: key), try json(transcript)))
        }
        entries.append(.stored(ResultFileName.namelist, try json(results.namelist)))
        return entries
    }

    static func craftedZip(_ entries: [CraftedZip.Entry]) throws -> URL {
        try craftedZip(bytes: CraftedZip(entries).bytes())
    }

    static func craftedZip(bytes: Data) throws -> URL {
        let url = temporaryDirectory().appendingPathComponent("crafted.zip")
        try bytes.write(to: url)
        return url
    }
}
