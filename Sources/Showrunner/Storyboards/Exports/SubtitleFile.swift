import Foundation

/// An episode's transcript as subtitles: SubRip (`.srt`) and WebVTT (`.vtt`), one cue per
/// transcript line with text, for localisation, dubbing and players.
///
/// The cue structure is defined by blank lines and `-->`, both of which untrusted text could
/// contain, so every cue's text is rebuilt: control and bidi characters dropped, each line
/// trimmed, blank lines removed (a blank line ends a cue), `-->` neutralised. WebVTT text and
/// voice names are entity-escaped (`&amp;` `&lt;` `&gt;`), so no raw `<`, `>` or `&` from a
/// line can open a tag. SRT has no escaping: players render a few HTML-like tags (`<i>`), which
/// can style a cue but not break the file's structure, so tags are written as is; but SRT has
/// no specification either, and lenient parsers find cue boundaries by shape (see `srtTextLine`).
enum SubtitleFile {
    /// What a too-short cue lasts: upstream lines with `end <= start` still need to show.
    static let minimumMilliseconds = 500

    struct Cue: Equatable {
        var startMilliseconds: Int
        var endMilliseconds: Int
        var speaker: String?
        var lines: [String]
    }

    /// `1\r\n00:00:01,000 --> 00:00:02,500\r\ntext\r\n\r\n…`, CRLF as SubRip tools write it.
    /// `speakers: true` prefixes `Name: ` to lines with a known speaker.
    static func srt(_ document: StoryboardDocument, speakers: Bool = false) -> String {
        var text = ""
        for (index, cue) in cues(document).enumerated() {
            var lines = cue.lines
            if speakers, let speaker = cue.speaker, !lines.isEmpty {
                lines[0] = speaker + ": " + lines[0]
            }
            lines = lines.map(srtTextLine)
            text += "\(index + 1)\r\n"
            text += "\(time(cue.startMilliseconds, Timecode.srt)) --> \(time(cue.endMilliseconds, Timecode.srt))\r\n"
            text += lines.joined(separator: "\r\n") + "\r\n\r\n"
        }
        return text
    }

    /// `WEBVTT`, then `00:00:01.000 --> 00:00:02.500` cues. `speakers: true` (the default)
    /// opens each cue with a known speaker with a voice span, `<v Name>text`, which players
    /// can style and screen readers announce.
    static func vtt(_ document: StoryboardDocument, speakers: Bool = true) -> String {
        var text = "WEBVTT\n\n"
        for cue in cues(document) {
            var lines = cue.lines.map(escapeVTT)
            if speakers, let speaker = cue.speaker, !lines.isEmpty {
                lines[0] = "<v \(escapeVTT(speaker))>" + lines[0]
            }
            text += "\(time(cue.startMilliseconds, Timecode.vtt)) --> \(time(cue.endMilliseconds, Timecode.vtt))\n"
            text += lines.joined(separator: "\n") + "\n\n"
        }
        return text
    }

    /// The cues, sorted by start time. Transcript order already is time order; the stable sort
    /// only matters for out-of-order upstream data, which WebVTT would reject (cue start times
    /// must not go backwards).
    static func cues(_ document: StoryboardDocument) -> [Cue] {
        let cues = document.lines.compactMap { line -> Cue? in
            let lines = ExportText.nonEmptyLines(line.text)
            guard !lines.isEmpty else { return nil }
            let start = Timecode.milliseconds(line.start)
            var end = Timecode.milliseconds(line.end)
            if end <= start { end = start + minimumMilliseconds }
            let speaker: String?
            switch line.kind {
            case .dialogue, .voiceOver, .offScreen, .narration:
                speaker = document.speakerName(line).map(ExportText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
            case .onScreenText:
                speaker = nil
            }
            return Cue(startMilliseconds: start, endMilliseconds: end, speaker: speaker, lines: lines)
        }
        return cues.enumerated()
            .sorted { ($0.element.startMilliseconds, $0.offset) < ($1.element.startMilliseconds, $1.offset) }
            .map(\.element)
    }

    /// `&`, `<` and `>` as character references: cue text can then contain no tag, no raw
    /// `-->` (it becomes `--&gt;`), and a voice name cannot close its own span early.
    static func escapeVTT(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// One SRT text line: `-->` removed, and a line that is only a number or starts with a
    /// timestamp led by a zero-width space (invisible in players). Lenient parsers (Python's
    /// `srt`) start a new cue at "a number line, then a line starting with a timestamp" even with
    /// no blank line before it, so text `2` + `00:00:05,000 -> …` would otherwise split the cue.
    static func srtTextLine(_ text: String) -> String {
        let line = withoutArrow(text)
        let looksLikeIndex = line.wholeMatch(of: #/-?[0-9]+\.?[0-9]*/#) != nil
        let startsWithTimestamp = line.prefixMatch(of: #/[0-9]+[,.:，．。：][0-9]+[,.:，．。：][0-9]+/#) != nil
        return looksLikeIndex || startsWithTimestamp ? "\u{200B}" + line : line
    }

    /// `-->` shortened to `->` until none is left (`--->` would otherwise become `-->` again): a
    /// text line must never read as a timing line.
    static func withoutArrow(_ text: String) -> String {
        var result = text
        while result.contains("-->") {
            result = result.replacingOccurrences(of: "-->", with: "->")
        }
        return result
    }

    private static func time(_ milliseconds: Int, _ format: (Double) -> String) -> String {
        format(Double(milliseconds) / 1000)
    }
}
