import Foundation
import MemoriesClient
import ZIPFoundation

/// Assembles `{task_id}.zip` on disk: by the task's flags, `{n}_storyboard.json` and
/// `{n}_transcript.json` per episode plus `namelist.json`; `{n}.xlsx` per episode;
/// `merged.xlsx`. Files are written one at a time, so memory stays at one file's size
/// however large the task (or the padding) is.
enum ResultPackageBuilder {
    static let paddingChunkBytes = 1 << 20

    static func build(_ spec: ResultPackageSpec, in directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("\(spec.taskID)-\(UUID().uuidString).zip")
        let archive = try Archive(url: url, accessMode: .create)
        let results = ScreenplayContentGenerator.generate(
            taskID: spec.taskID,
            episodes: spec.episodes.map { (key: $0.key, assetID: $0.asset.assetID, durationSeconds: $0.asset.durationSeconds) },
            language: spec.language,
            faceRecognition: spec.faceRecognition,
            useSubtitle: spec.useSubtitle
        )
        let language = ContentLanguage(requested: spec.language)
        let names = Dictionary(results.namelist.characters.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })

        if spec.outputs.json {
            for (storyboard, transcript) in zip(results.storyboards, results.transcripts) {
                try add(json(storyboard, malformed: spec.malformedJSON), as: ResultFileName.storyboard(episode: storyboard.episode), to: archive)
                try add(json(transcript, malformed: spec.malformedJSON), as: ResultFileName.transcript(episode: transcript.episode), to: archive)
            }
            try add(json(results.namelist, malformed: spec.malformedJSON), as: ResultFileName.namelist, to: archive)
        }
        if spec.outputs.xlsx {
            for (storyboard, transcript) in zip(results.storyboards, results.transcripts) {
                let title = language == .chinese ? "第\(storyboard.episode)集" : "Episode \(storyboard.episode)"
                let sheet = XLSXSheet(
                    name: title, header: StoryboardSheet.header(language),
                    rows: StoryboardSheet.rows(storyboard: storyboard, transcript: transcript, names: names, language: language),
                    columnWidths: StoryboardSheet.columnWidths
                )
                try add(try workbook([sheet]), as: ResultFileName.workbook(episode: storyboard.episode), to: archive)
            }
        }
        if spec.outputs.mergedXLSX {
            let rows = zip(results.storyboards, results.transcripts).flatMap { storyboard, transcript in
                StoryboardSheet.rows(storyboard: storyboard, transcript: transcript, names: names, language: language)
            }
            let sheet = XLSXSheet(
                name: language == .chinese ? "分镜总表" : "Storyboard", header: StoryboardSheet.header(language),
                rows: rows, columnWidths: StoryboardSheet.columnWidths
            )
            try add(try workbook([sheet]), as: ResultFileName.mergedWorkbook, to: archive)
        }
        if spec.paddingBytes > 0 {
            try addPadding(bytes: spec.paddingBytes, to: archive)
        }
        return url
    }

    static func json(_ value: some Encodable, malformed: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        // Fault switch: cut the document off mid-way, as a crashed writer would.
        return malformed ? data.prefix(data.count / 2) : data
    }

    /// An XLSX is itself a zip of XML parts.
    static func workbook(_ sheets: [XLSXSheet]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in XLSXWriter.parts(for: sheets) {
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

    /// Stored (uncompressed) filler so the zip really is as large as asked.
    static func addPadding(bytes: Int64, to archive: Archive) throws {
        let chunk = Data(repeating: 0x20, count: paddingChunkBytes)
        try archive.addEntry(
            with: "padding.bin", type: .file, uncompressedSize: bytes, compressionMethod: .none, bufferSize: paddingChunkBytes,
            provider: { position, size in
                let count = Int(min(Int64(size), bytes - position))
                return count == chunk.count ? chunk : chunk.prefix(count)
            }
        )
    }
}
