import Foundation

/// Turns pasted lines or an uploaded CSV into episode drafts, with every problem found.
///
/// Two formats:
/// - lines: `1 re_657739295220518912 312.5 Title…` (tab or space separated; duration optional);
/// - CSV (or tab-separated) with a header row naming the columns, as the export writes it.
struct EpisodeImport: Sendable {
    static let maximumRows = 2000
    static let maximumBytes = 1 << 20

    struct Row: Sendable {
        var line: Int
        var number: Int?
        var numberText: String
        var assetId: String
        var durationSeconds: Double?
        var durationText: String
        var title: String
        var notes: String
        var archived: Bool = false
        var problems: [String] = []
        var warnings: [String] = []
    }

    enum Format: String, Sendable {
        case lines, csv
    }

    var format: Format
    var rows: [Row]
    /// A problem with the input as a whole (empty, too long, missing columns).
    var inputProblem: String?

    var problemCount: Int { rows.filter { !$0.problems.isEmpty }.count }
    var isImportable: Bool { inputProblem == nil && !rows.isEmpty && problemCount == 0 }

    var drafts: [EpisodeRepository.Draft] {
        rows.compactMap { row in
            guard let number = row.number else { return nil }
            return .init(
                number: number, title: row.title, assetId: row.assetId, durationSeconds: row.durationSeconds, notes: row.notes,
                archived: row.archived
            )
        }
    }

    /// Parses `text` and checks each row against itself, the rest of the batch and the drama.
    init(text: String, existingNumbers: Set<Int>, existingAssets: [String: Int]) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let parsed = Self.parse(text)
        format = parsed.format
        rows = parsed.rows
        inputProblem = parsed.problem
        if inputProblem == nil, rows.isEmpty {
            inputProblem = "There is nothing to import. Paste one episode per line, or choose a CSV file."
        }
        if rows.count > Self.maximumRows {
            inputProblem = "That is \(rows.count) rows; import at most \(Self.maximumRows) at a time."
        }
        check(existingNumbers: existingNumbers, existingAssets: existingAssets)
    }

    // MARK: Parsing

    static let headerAliases: [String: String] = [
        "number": "number", "episode": "number", "episode_number": "number", "ep": "number", "no": "number", "#": "number",
        "集": "number", "集数": "number",
        "asset_id": "asset", "asset": "asset", "assetid": "asset", "asset id": "asset",
        "duration": "duration", "duration_seconds": "duration", "seconds": "duration", "length": "duration", "时长": "duration",
        "title": "title", "name": "title", "标题": "title",
        "notes": "notes", "note": "notes", "备注": "notes",
        "archived": "archived",
    ]

    private static func parse(_ text: String) -> (format: Format, rows: [Row], problem: String?) {
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
        let delimiter: Character = firstLine.contains("\t") ? "\t" : ","
        let headerCells = CSV.parse(firstLine, delimiter: delimiter).first ?? []
        let columns = headerCells.map { headerAliases[$0.trimmingCharacters(in: .whitespaces).lowercased()] }
        if columns.contains("number") || columns.contains("asset") {
            guard columns.contains("number"), columns.contains("asset") else {
                return (.csv, [], "The header row needs at least the columns number and asset_id.")
            }
            return (.csv, csvRows(text, delimiter: delimiter, columns: columns), nil)
        }
        return (.lines, lineRows(text), nil)
    }

    private static func csvRows(_ text: String, delimiter: Character, columns: [String?]) -> [Row] {
        var rows: [Row] = []
        var seenHeader = false
        for (index, record) in CSV.parse(text, delimiter: delimiter).enumerated() {
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            // The first non-blank record is the header (blank lines may precede it).
            guard seenHeader else {
                seenHeader = true
                continue
            }
            var values: [String: String] = [:]
            for (column, cell) in zip(columns, record) {
                if let column { values[column] = CSV.unescapeFormula(cell.trimmingCharacters(in: .whitespaces)) }
            }
            var row = makeRow(
                line: index + 1, number: values["number"] ?? "", asset: values["asset"] ?? "",
                duration: values["duration"] ?? "", title: values["title"] ?? "", notes: values["notes"] ?? ""
            )
            row.archived = ["yes", "true", "1", "archived"].contains((values["archived"] ?? "").lowercased())
            rows.append(row)
        }
        return rows
    }

    private static func lineRows(_ text: String) -> [Row] {
        var rows: [Row] = []
        for (index, rawLine) in text.components(separatedBy: .newlines).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }  // blank lines and comments
            let parts: [String]
            if line.contains("\t") {
                parts = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                rows.append(
                    makeRow(
                        line: index + 1, number: parts[0], asset: parts.count > 1 ? parts[1] : "",
                        duration: parts.count > 2 ? parts[2] : "", title: parts.count > 3 ? parts[3...].joined(separator: " ") : "", notes: ""
                    )
                )
                continue
            }
            parts = line.split(whereSeparator: { $0 == " " }).map(String.init)
            var rest = Array(parts.dropFirst(2))
            // The third word is the duration when it looks like a number or a clock; otherwise the title starts there.
            var duration = ""
            if let first = rest.first, first.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                duration = first
                rest.removeFirst()
            }
            rows.append(
                makeRow(
                    line: index + 1, number: parts.first ?? "", asset: parts.count > 1 ? parts[1] : "",
                    duration: duration, title: rest.joined(separator: " "), notes: ""
                )
            )
        }
        return rows
    }

    private static func makeRow(line: Int, number: String, asset: String, duration: String, title: String, notes: String) -> Row {
        var row = Row(
            line: line, number: nil, numberText: number, assetId: asset, durationSeconds: nil, durationText: duration,
            title: title, notes: notes
        )
        if let value = Int(number), value > 0, value < 100_000 {
            row.number = value
        } else {
            row.problems.append(number.isEmpty ? "The episode number is missing." : "Episode number \"\(number)\" is not a whole number above 0.")
        }
        if let problem = AssetID.problem(with: asset) { row.problems.append(problem) }
        if !duration.isEmpty {
            if let seconds = EpisodeDuration.parse(duration) {
                row.durationSeconds = seconds
                if seconds >= EpisodeDuration.upstreamLimit {
                    row.warnings.append("Longer than 5 minutes: memories.ai refuses such episodes for screenplay extraction.")
                }
            } else {
                row.problems.append("Duration \"\(duration)\" is not a duration. Use seconds (312.5) or minutes:seconds (5:12).")
            }
        }
        if title.count > 200 { row.problems.append("The title is longer than 200 characters.") }
        if notes.count > 5000 { row.problems.append("The notes are longer than 5,000 characters.") }
        return row
    }

    // MARK: Checks across rows

    private mutating func check(existingNumbers: Set<Int>, existingAssets: [String: Int]) {
        var linesByNumber: [Int: [Int]] = [:]
        var linesByAsset: [String: [Int]] = [:]
        for row in rows {
            if let number = row.number { linesByNumber[number, default: []].append(row.line) }
            if AssetID.isValid(row.assetId) { linesByAsset[row.assetId, default: []].append(row.line) }
        }
        for index in rows.indices {
            let row = rows[index]
            if let number = row.number {
                if existingNumbers.contains(number) {
                    rows[index].problems.append("Episode \(number) already exists in this drama.")
                } else if let lines = linesByNumber[number], lines.count > 1 {
                    rows[index].problems.append("Episode \(number) appears more than once (lines \(Self.list(lines))).")
                }
            }
            if AssetID.isValid(row.assetId) {
                if let number = existingAssets[row.assetId] {
                    rows[index].problems.append("\(row.assetId) is already episode \(number) of this drama.")
                } else if let lines = linesByAsset[row.assetId], lines.count > 1 {
                    rows[index].problems.append("\(row.assetId) appears more than once (lines \(Self.list(lines))).")
                }
            }
        }
    }

    private static func list(_ lines: [Int]) -> String {
        lines.map(String.init).joined(separator: ", ")
    }
}
