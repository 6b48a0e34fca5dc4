import Foundation
import MemoriesClient
import MemoriesSimulator
import ZIPFoundation

/// Writes a result zip in the `showrunner-sim/1` layout from the simulator's content generator,
/// encoded the way the simulator's download encodes it (pretty-printed sorted JSON, deflated).
/// For the ingest benchmark, tests and demos; real ingests read downloaded zips.
public enum SimulatedResultArchive {
    public struct Episode: Sendable, Equatable {
        public let key: String
        public let assetID: String
        public let durationSeconds: Double

        public init(key: String, assetID: String, durationSeconds: Double) {
            self.key = key
            self.assetID = assetID
            self.durationSeconds = durationSeconds
        }
    }

    /// Which files to write, as the task's `require_json` / `require_xlsx` / `require_merge_xlsx`.
    public struct Outputs: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let json = Outputs(rawValue: 1)
        public static let workbooks = Outputs(rawValue: 2)
        public static let mergedWorkbook = Outputs(rawValue: 4)
    }

    /// `count` demo videos of 2–5 minutes (the simulator's realistic range), keyed "1"…"count".
    /// With `spreading`, durations are instead spaced evenly over that range (the generator
    /// fills whatever duration it is given), so a benchmark is not skewed towards short episodes.
    public static func demoEpisodes(count: Int, spreading durations: ClosedRange<Double>? = nil) -> [Episode] {
        let videos = DemoAssets.series.flatMap(\.assets).filter { $0.durationSeconds >= 120 && $0.durationSeconds <= 300 }
        return (0..<count).map { index in
            let asset = videos[index % max(videos.count, 1)]
            var duration = asset.durationSeconds
            if let durations, count > 1 {
                duration = durations.lowerBound + (durations.upperBound - durations.lowerBound) * Double(index) / Double(count - 1)
            }
            return Episode(key: String(index + 1), assetID: asset.assetID, durationSeconds: duration.rounded())
        }
    }

    public static func write(
        to url: URL,
        taskID: String,
        episodes: [Episode],
        language: String = "zh-CN",
        faceRecognition: Bool = true,
        outputs: Outputs = .json
    ) throws {
        let results = ScreenplayContentGenerator.generate(
            taskID: taskID, episodes: episodes.map { (key: $0.key, assetID: $0.assetID, durationSeconds: $0.durationSeconds) },
            language: language, faceRecognition: faceRecognition, useSubtitle: false
        )
        let archive = try Archive(url: url, accessMode: .create)
        if outputs.contains(.json) {
            for (storyboard, transcript) in zip(results.storyboards, results.transcripts) {
                try add(json(storyboard), as: ResultFileName.storyboard(episode: storyboard.episode), to: archive)
                try add(json(transcript), as: ResultFileName.transcript(episode: transcript.episode), to: archive)
            }
            try add(json(results.namelist), as: ResultFileName.namelist, to: archive)
        }
        if outputs.contains(.workbooks) {
            for storyboard in results.storyboards {
                let sheet = XLSXSheet(name: "Episode \(storyboard.episode)", header: header, rows: rows(storyboard))
                try add(workbook(sheet), as: ResultFileName.workbook(episode: storyboard.episode), to: archive)
            }
        }
        if outputs.contains(.mergedWorkbook) {
            let sheet = XLSXSheet(name: "Storyboard", header: header, rows: results.storyboards.flatMap(rows))
            try add(workbook(sheet), as: ResultFileName.mergedWorkbook, to: archive)
        }
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static let header = ["Episode", "Scene", "Heading", "Shot", "Size", "Angle", "Movement", "Description", "Start (s)", "End (s)"]

    /// One row per shot (a simpler sheet than the simulator's: ingest does not read workbooks).
    static func rows(_ storyboard: StoryboardFile) -> [[XLSXCell]] {
        storyboard.scenes.flatMap { scene in
            scene.shots.map { shot in
                [
                    .text(storyboard.episode), .integer(scene.number), .text(scene.heading.text), .integer(shot.number),
                    .text(shot.size.rawValue), .text(shot.angle.rawValue), .text(shot.movement.rawValue), .text(shot.description),
                    .number(shot.start), .number(shot.end),
                ]
            }
        }
    }

    static func workbook(_ sheet: XLSXSheet) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in XLSXWriter.parts(for: [sheet]) {
            try add(part.data, as: part.path, to: archive)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func add(_ data: Data, as path: String, to archive: Archive) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        )
    }
}
