import Foundation
import MemoriesClient

/// Turns a result zip into `ParsedResult` and its episodes, or fails with a `ResultIngestError` naming the file.
///
/// Rules (docs/storyboard-schema.md):
/// - Only workbooks (the task set `require_json: false`): no storyboard data, zero episodes.
///   A zip with none of the expected files fails.
/// - With JSON: `namelist.json` is required, and every `{n}_storyboard.json` needs its
///   `{n}_transcript.json` and the other way round.
/// - Every file's episode key must be in the task's episode map. Episodes of the map with no
///   files are reported in `missingEpisodeKeys`, not a failure.
/// - Each file must decode, carry our schema, agree with its partner (episode, asset, task id)
///   and hold `ResultInvariants` and `EpisodeConsistency`; the first few problems are listed.
///
/// Opening checks the layout, the keys and the namelist; `next()` then decodes and checks one
/// episode at a time, so the ingest writes each episode while the next one is parsed.
struct ResultParser: Sendable {
    /// How many problems an invariant failure lists before "and N more".
    static let listedProblems = 3

    /// What the zip holds besides the episodes (which `next()` delivers).
    let result: ParsedResult
    private let archive: ResultArchive
    private let layout: ResultLayout
    private let map: [String: Int64?]
    /// The episode keys to read, in number order (empty without JSON).
    private let keys: [(key: String, number: Int)]
    private let cast: Set<String>
    private let decoder = ResultFileDecoder()
    private var position = 0

    init(archiveAt url: URL, episodes map: [String: Int64?], limits: ArchiveLimits) throws(ResultIngestError) {
        let archive: ResultArchive
        do {
            archive = try ResultArchive(contentsOf: url, limits: limits)
        } catch {
            throw ResultIngestError(error)
        }
        try self.init(archive, episodes: map)
    }

    init(_ archive: ResultArchive, episodes map: [String: Int64?]) throws(ResultIngestError) {
        let layout = ResultLayout(archive: archive)
        var result = ParsedResult(workbooks: layout.workbooks, ignoredEntries: layout.ignored)
        guard !layout.isEmpty else {
            let found = archive.entries.prefix(5).map(\.name).joined(separator: ", ")
            throw ResultIngestError(.noResultFiles, "the zip holds none of the expected result files (found: \(found.isEmpty ? "nothing" : found))")
        }
        var keys: [(key: String, number: Int)] = []
        var cast = Set<String>()
        if layout.hasJSON {
            keys = try Self.episodeKeys(layout, map: map)
            guard let namelistEntry = layout.namelist else {
                throw ResultIngestError(.inconsistentFiles, file: ResultFileName.namelist, "missing, but the zip has episode files")
            }
            let namelist = try Self.decodeNamelist(namelistEntry, in: archive, decoder: decoder)
            cast = Set(namelist.characters.map(\.id))
            result.namelist = namelist
            result.missingEpisodeKeys = map.keys
                .filter { layout.storyboards[$0] == nil }
                .sorted { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }
        }
        self.result = result
        self.archive = archive
        self.layout = layout
        self.map = map
        self.keys = keys
        self.cast = cast
    }

    /// The next episode in number order, decoded and checked; nil after the last.
    mutating func next() throws(ResultIngestError) -> ParsedResult.Episode? {
        guard let namelist = result.namelist else { return nil }
        while position < keys.count {
            let (key, number) = keys[position]
            position += 1
            guard let storyboardEntry = layout.storyboards[key], let transcriptEntry = layout.transcripts[key] else { continue }
            let storyboard = try Self.decode(StoryboardFile.self, storyboardEntry, in: archive, decoder: decoder)
            let transcript = try Self.decode(TranscriptFile.self, transcriptEntry, in: archive, decoder: decoder)
            try ResultFileDecoder.checkSchema(storyboard.schema, file: storyboardEntry.name)
            try ResultFileDecoder.checkSchema(transcript.schema, file: transcriptEntry.name)
            try Self.checkAgreement(storyboard, transcript, key: key, namelist: namelist, files: (storyboardEntry.name, transcriptEntry.name))
            try Self.checkRules(
                ResultInvariants.violations(in: storyboard) + EpisodeConsistency.problems(in: storyboard, cast: cast),
                file: storyboardEntry.name
            )
            try Self.checkRules(
                ResultInvariants.violations(in: transcript, against: storyboard)
                    + EpisodeConsistency.problems(in: transcript, against: storyboard, cast: cast),
                file: transcriptEntry.name
            )
            return .init(key: key, number: number, episodeId: map[key] ?? nil, storyboard: storyboard, transcript: transcript)
        }
        return nil
    }

    /// The zip's episode keys with their numbers, in episode order, after checking that files
    /// pair up and every key belongs to the task.
    private static func episodeKeys(_ layout: ResultLayout, map: [String: Int64?]) throws(ResultIngestError) -> [(key: String, number: Int)] {
        for key in layout.storyboards.keys.sorted() where layout.transcripts[key] == nil {
            throw ResultIngestError(
                .inconsistentFiles, file: ResultFileName.storyboard(episode: key), "has no matching \(ResultFileName.transcript(episode: key))"
            )
        }
        for key in layout.transcripts.keys.sorted() where layout.storyboards[key] == nil {
            throw ResultIngestError(
                .inconsistentFiles, file: ResultFileName.transcript(episode: key), "has no matching \(ResultFileName.storyboard(episode: key))"
            )
        }
        if layout.storyboards.isEmpty {
            throw ResultIngestError(.inconsistentFiles, file: ResultFileName.namelist, "present, but the zip has no episode files")
        }
        var keys: [(key: String, number: Int)] = []
        for key in layout.storyboards.keys.sorted() {
            guard map[key] != nil else {
                throw ResultIngestError(
                    .unknownEpisode, file: ResultFileName.storyboard(episode: key),
                    "episode \"\(key)\" is not one of this task's episodes (\(describeKeys(map)))"
                )
            }
            guard let number = Int(key), number > 0 else {
                throw ResultIngestError(
                    .unknownEpisode, file: ResultFileName.storyboard(episode: key), "episode key \"\(key)\" is not a positive number"
                )
            }
            keys.append((key, number))
        }
        return keys.sorted { $0.1 < $1.1 }
    }

    private static func describeKeys(_ map: [String: Int64?]) -> String {
        let numbers = map.keys.compactMap { Int($0) }.sorted()
        guard let first = numbers.first, let last = numbers.last else { return "none" }
        if numbers.count == last - first + 1 { return first == last ? "episode \(first)" : "episodes \(first)–\(last)" }
        return "episodes " + numbers.prefix(10).map(String.init).joined(separator: ", ") + (numbers.count > 10 ? ", …" : "")
    }

    private static func decodeNamelist(
        _ entry: ArchiveEntry, in archive: ResultArchive, decoder: ResultFileDecoder
    ) throws(ResultIngestError) -> NamelistFile {
        let namelist = try decode(NamelistFile.self, entry, in: archive, decoder: decoder)
        try ResultFileDecoder.checkSchema(namelist.schema, file: entry.name)
        var seen = Set<String>()
        for character in namelist.characters where !seen.insert(character.id).inserted {
            throw ResultIngestError(.invariantViolation, file: entry.name, "character \(character.id) is listed twice")
        }
        return namelist
    }

    private static func decode<Value: Decodable>(
        _ type: Value.Type, _ entry: ArchiveEntry, in archive: ResultArchive, decoder: ResultFileDecoder
    ) throws(ResultIngestError) -> Value {
        let data: Data
        do {
            data = try archive.contents(of: entry)
        } catch {
            throw ResultIngestError(error)
        }
        return try decoder.decode(Value.self, from: data, file: entry.name)
    }

    /// A storyboard and its transcript must describe the same episode of the same task.
    private static func checkAgreement(
        _ storyboard: StoryboardFile, _ transcript: TranscriptFile, key: String, namelist: NamelistFile, files: (String, String)
    ) throws(ResultIngestError) {
        if storyboard.episode != key {
            throw ResultIngestError(.inconsistentFiles, file: files.0, "says it is episode \"\(storyboard.episode)\"")
        }
        if transcript.episode != key {
            throw ResultIngestError(.inconsistentFiles, file: files.1, "says it is episode \"\(transcript.episode)\"")
        }
        if transcript.assetID != storyboard.assetID {
            throw ResultIngestError(
                .inconsistentFiles, file: files.1, "asset \(transcript.assetID) differs from the storyboard's \(storyboard.assetID)"
            )
        }
        if storyboard.taskID != namelist.taskID {
            throw ResultIngestError(.inconsistentFiles, file: files.0, "task \(storyboard.taskID) differs from namelist.json's \(namelist.taskID)")
        }
        if transcript.taskID != namelist.taskID {
            throw ResultIngestError(.inconsistentFiles, file: files.1, "task \(transcript.taskID) differs from namelist.json's \(namelist.taskID)")
        }
        if !(storyboard.durationSeconds > 0) {
            throw ResultIngestError(.invariantViolation, file: files.0, "duration_seconds must be positive")
        }
    }

    private static func checkRules(_ problems: [String], file: String) throws(ResultIngestError) {
        guard !problems.isEmpty else { return }
        var message = problems.prefix(listedProblems).joined(separator: "; ")
        if problems.count > listedProblems { message += " (and \(problems.count - listedProblems) more)" }
        throw ResultIngestError(.invariantViolation, file: file, message)
    }
}
