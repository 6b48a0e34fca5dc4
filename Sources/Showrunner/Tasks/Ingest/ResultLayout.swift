import MemoriesClient

/// Sorts a zip's entries into the documented layout (docs/storyboard-schema.md): per episode
/// key a storyboard and a transcript, one namelist, workbooks; anything else is ignored.
/// Only the zip root counts, as upstream's (guessed) layout puts everything there.
struct ResultLayout: Sendable {
    var storyboards: [String: ArchiveEntry] = [:]
    var transcripts: [String: ArchiveEntry] = [:]
    var namelist: ArchiveEntry?
    var workbooks: [String] = []
    var ignored: [String] = []

    static let storyboardSuffix = ResultFileName.storyboard(episode: "")
    static let transcriptSuffix = ResultFileName.transcript(episode: "")

    init(archive: ResultArchive) {
        workbooks = archive.workbooks.map(\.name)
        for entry in archive.entries where !entry.isDirectory && !entry.isWorkbook {
            let name = entry.name
            if name == ResultFileName.namelist {
                namelist = entry
            } else if let key = Self.episodeKey(of: name, suffix: Self.storyboardSuffix) {
                storyboards[key] = entry
            } else if let key = Self.episodeKey(of: name, suffix: Self.transcriptSuffix) {
                transcripts[key] = entry
            } else {
                ignored.append(name)
            }
        }
    }

    /// Whether the task asked for JSON (any JSON result file is present).
    var hasJSON: Bool { namelist != nil || !storyboards.isEmpty || !transcripts.isEmpty }

    var isEmpty: Bool { !hasJSON && workbooks.isEmpty }

    /// `"3"` for `3_storyboard.json`; nil for other names or files in folders.
    private static func episodeKey(of name: String, suffix: String) -> String? {
        guard name.hasSuffix(suffix), !name.contains("/") else { return nil }
        let key = String(name.dropLast(suffix.count))
        return key.isEmpty ? nil : key
    }
}
