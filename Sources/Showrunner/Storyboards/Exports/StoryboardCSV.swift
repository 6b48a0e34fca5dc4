import Foundation

/// The storyboard as CSV, one row per shot: what producers open in Excel or Numbers and what an
/// import can read back. UTF-8 with a BOM (Excel otherwise reads Chinese as mojibake), RFC 4180
/// quoting and CRLF line ends, formula-like cells neutralised by `CSV.line`.
///
/// `rows(_:)` is also the table the workbook export writes, so both always agree.
enum StoryboardCSV {
    /// One table row, typed, so the workbook can write numbers as numbers.
    struct Row: Equatable {
        var drama: String
        /// Always present: an export must re-import into the right episode.
        var episode: Int
        var scene: Int
        var heading: String
        var setting: String
        var location: String
        var timeOfDay: String
        /// nil on a row that carries a scene's lines that belong to no shot (or an empty scene).
        var shot: Int?
        var size: String
        var angle: String
        var movement: String
        var description: String
        var characters: String
        var dialogue: String
        var start: Double
        var end: Double

        /// Whole milliseconds between the displayed start and end (never negative), so the
        /// duration agrees with the two timecodes printed beside it.
        var durationMilliseconds: Int {
            max(0, Timecode.milliseconds(end) - Timecode.milliseconds(start))
        }
    }

    static let header = [
        "Drama", "Episode", "Scene", "Heading", "Setting", "Location", "Time of day", "Shot", "Size", "Angle", "Movement",
        "Description", "Characters", "Dialogue", "Start", "End", "Duration (s)", "Start (SMPTE 25 fps)",
    ]

    static let smpteFramesPerSecond = 25

    // MARK: - Files

    /// One episode.
    static func csv(_ document: StoryboardDocument) -> String {
        csv([document])
    }

    /// A whole drama: every episode under one header, in episode order.
    static func csv(_ documents: [StoryboardDocument]) -> String {
        var text = "\u{FEFF}" + CSV.line(header)
        for row in rows(documents) {
            text += CSV.line(fields(row))
        }
        return text
    }

    static func fields(_ row: Row) -> [String] {
        [
            row.drama, String(row.episode), String(row.scene), row.heading, row.setting, row.location, row.timeOfDay,
            row.shot.map(String.init) ?? "", row.size, row.angle, row.movement, row.description, row.characters, row.dialogue,
            Timecode.display(row.start), Timecode.display(row.end), seconds(milliseconds: row.durationMilliseconds),
            Timecode.smpte(row.start, fps: smpteFramesPerSecond),
        ]
    }

    /// `3.250`: always three decimals, independent of any locale.
    static func seconds(milliseconds: Int) -> String {
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    // MARK: - Rows

    /// Episodes sorted by number (stable, so a caller's order of equal numbers is kept).
    static func rows(_ documents: [StoryboardDocument]) -> [Row] {
        documents.enumerated()
            .sorted { ($0.element.run.episodeNumber, $0.offset) < ($1.element.run.episodeNumber, $1.offset) }
            .flatMap { rows($0.element) }
    }

    /// Per scene: a row per shot, plus one row for the lines attached to no shot, placed by its
    /// first line's start time. A scene with neither still gets a row, so no scene disappears.
    static func rows(_ document: StoryboardDocument) -> [Row] {
        var rows: [Row] = []
        for scene in document.scenes {
            let base = Row(
                drama: ExportText.singleLine(document.dramaTitle), episode: document.run.episodeNumber, scene: scene.number,
                heading: ExportText.singleLine(scene.heading), setting: ExportText.singleLine(scene.setting),
                location: ExportText.singleLine(scene.location), timeOfDay: ExportText.singleLine(scene.timeOfDay),
                shot: nil, size: "", angle: "", movement: "", description: "", characters: "", dialogue: "",
                start: scene.start, end: scene.end
            )
            var sceneRows = scene.shots.map { shot in
                var row = base
                row.shot = shot.number
                row.size = ExportText.singleLine(shot.size)
                row.angle = ExportText.singleLine(shot.angle)
                row.movement = ExportText.singleLine(shot.movement)
                row.description = ExportText.singleLine(shot.description)
                row.characters = document.names(shot.characterIds).map(ExportText.singleLine).filter { !$0.isEmpty }.joined(separator: ", ")
                row.dialogue = dialogue(shot.lines, in: document)
                row.start = shot.start
                row.end = shot.end
                return row
            }
            if let first = scene.looseLines.min(by: { $0.start < $1.start }), let last = scene.looseLines.max(by: { $0.end < $1.end }) {
                var row = base
                row.dialogue = dialogue(scene.looseLines.sorted { $0.ordinal < $1.ordinal }, in: document)
                row.start = first.start
                row.end = last.end
                let position = sceneRows.firstIndex { $0.start > row.start } ?? sceneRows.endIndex
                sceneRows.insert(row, at: position)
            } else if sceneRows.isEmpty {
                sceneRows.append(base)
            }
            rows += sceneRows
        }
        return rows
    }

    /// `NAME: text` or `NAME (delivery): text`, one line each. The kind is kept where a reader
    /// needs it: `(V.O.)`/`(O.S.)` join the delivery, narration reads `Narrator`, on-screen text
    /// `On screen`. Line breaks inside a line's text are flattened so one transcript line stays
    /// one line of the cell.
    static func dialogue(_ lines: [StoryboardDocument.Line], in document: StoryboardDocument) -> String {
        lines.compactMap { line -> String? in
            let text = ExportText.singleLine(line.text)
            guard !text.isEmpty else { return nil }
            let speaker = document.speakerName(line).map(ExportText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
            var notes: [String] = []
            let name: String
            switch line.kind {
            case .dialogue:
                name = speaker ?? "Unknown"
            case .voiceOver:
                name = speaker ?? "Unknown"
                notes.append("V.O.")
            case .offScreen:
                name = speaker ?? "Unknown"
                notes.append("O.S.")
            case .narration:
                name = speaker ?? "Narrator"
                if speaker != nil { notes.append("narration") }
            case .onScreenText:
                name = "On screen"
            }
            let delivery = ExportText.delivery(line.delivery)
            if !delivery.isEmpty, line.kind != .onScreenText {
                notes.append(delivery)
            }
            return notes.isEmpty ? "\(name): \(text)" : "\(name) (\(notes.joined(separator: ", "))): \(text)"
        }.joined(separator: "\n")
    }
}
