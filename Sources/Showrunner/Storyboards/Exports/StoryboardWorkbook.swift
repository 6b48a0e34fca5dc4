import Foundation
import MemoriesSimulator
import ZIPFoundation

/// The storyboard as an XLSX workbook: the same rows as `StoryboardCSV`, written by the
/// simulator's tested `XLSXWriter` and zipped in memory (a drama is at most ~100 episodes ×
/// 150 shots, a few MB of XML).
///
/// Numbers (episode, scene, shot, duration) are numeric cells so a producer can sort and sum.
/// Text is written as inline strings, which a spreadsheet never evaluates, so unlike the CSV no
/// apostrophe goes before `=…`; `XLSXWriter` XML-escapes every string and drops the characters
/// XML 1.0 forbids (on top of `ExportText`'s clean-up already applied to the rows).
enum StoryboardWorkbook {
    static let storyboardSheetName = "Storyboard"
    static let castSheetName = "Cast"
    static let castHeader = ["Key", "Name", "Aliases", "Role"]
    static let columnWidths: [Double] = [22, 8, 7, 34, 9, 22, 11, 6, 8, 10, 10, 48, 22, 56, 13, 13, 12, 13]

    /// One episode: a single "Storyboard" sheet.
    static func data(_ document: StoryboardDocument) throws -> Data {
        try zip(sheets([document], includeCast: false))
    }

    /// A whole drama: every episode on one "Storyboard" sheet, then the "Cast" sheet.
    static func data(_ documents: [StoryboardDocument]) throws -> Data {
        try zip(sheets(documents, includeCast: true))
    }

    static func sheets(_ documents: [StoryboardDocument], includeCast: Bool) -> [XLSXSheet] {
        let storyboard = XLSXSheet(
            name: storyboardSheetName, header: StoryboardCSV.header, rows: StoryboardCSV.rows(documents).map(cells),
            columnWidths: columnWidths
        )
        guard includeCast else { return [storyboard] }
        let cast = XLSXSheet(name: castSheetName, header: castHeader, rows: castRows(documents), columnWidths: [8, 24, 40, 12])
        return [storyboard, cast]
    }

    static func cells(_ row: StoryboardCSV.Row) -> [XLSXCell] {
        [
            text(row.drama), .integer(row.episode), .integer(row.scene), text(row.heading), text(row.setting), text(row.location),
            text(row.timeOfDay), row.shot.map(XLSXCell.integer) ?? .empty, text(row.size), text(row.angle), text(row.movement),
            text(row.description), text(row.characters), text(row.dialogue), .text(Timecode.display(row.start)),
            .text(Timecode.display(row.end)), .number(Double(row.durationMilliseconds) / 1000),
            .text(Timecode.smpte(row.start, fps: StoryboardCSV.smpteFramesPerSecond)),
        ]
    }

    /// The cast of every episode's task, once each (tasks of one drama usually share a namelist),
    /// ordered by key (then name, so the order never depends on dictionary order).
    static func castRows(_ documents: [StoryboardDocument]) -> [[XLSXCell]] {
        var seen: Set<[String]> = []
        var rows: [[String]] = []
        for document in documents {
            for character in document.characters.values.sorted(by: { ($0.key, $0.id) < ($1.key, $1.id) }) {
                let row = [
                    ExportText.singleLine(character.key), ExportText.singleLine(character.name),
                    character.aliases.map(ExportText.singleLine).filter { !$0.isEmpty }.joined(separator: ", "),
                    ExportText.singleLine(character.role),
                ]
                if seen.insert(row).inserted { rows.append(row) }
            }
        }
        return rows.sorted { $0.lexicographicallyPrecedes($1) }.map { $0.map(text) }
    }

    private static func text(_ value: String) -> XLSXCell {
        value.isEmpty ? .empty : .text(value)
    }

    /// An XLSX is a zip of XML parts, `[Content_Types].xml` first.
    static func zip(_ sheets: [XLSXSheet]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in XLSXWriter.parts(for: sheets) {
            let data = part.data
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<min(start + size, data.count))
                }
            )
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
