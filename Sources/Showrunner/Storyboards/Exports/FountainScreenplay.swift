import Foundation

/// The storyboard as a Fountain screenplay (https://fountain.io/syntax), which every
/// screenwriting tool opens: a title page, a scene heading per scene, the scene summary and each
/// shot's description as action, and the transcript as character cues, parentheticals and
/// dialogue.
///
/// All text is untrusted, and Fountain gives meaning to plain characters, so user text is never
/// written raw. Every piece is first flattened (`ExportText`: no control or bidi characters;
/// action, cues, parentheticals and headings become one line, dialogue keeps its line breaks but
/// never a blank line, which would end the speech). Then:
/// - **Inline markup** that would swallow following text — notes `[[ ]]`, boneyard `/* */` and
///   Highland's `{{ }}` directives (`{{INCLUDE: …}}`) — is broken by a zero-width space between
///   the two characters, everywhere (headings, cues, action, dialogue, title page, sections).
/// - **Action lines** that a parser would read as something else get Fountain's own forced-action
///   prefix `!`: a line starting with `!` `@` `#` `=` `~` `>` `.` (forced elements, sections,
///   synopses, `===` page breaks, lyrics, transitions/centred text, forced headings), a line
///   starting like a scene heading (`INT` `EXT` `EST` `INT./EXT` `INT/EXT` `I/E` followed by `.`
///   or a space, any case), and a transition (`CUT TO:`: no lower case, ending in `TO:`).
/// - **Dialogue lines** have no forcing prefix in Fountain, so a line that starts with
///   `~` `(` `=` `#` `!` `@` `>` `[` (lyrics, a parenthetical, a page break…) or looks like a
///   heading or a transition gets a leading zero-width space: it stays the same visible text,
///   and no line-start rule matches. (`...` is left alone: after a cue it cannot force a heading.)
/// - **Scene headings** are forced with `.` unless they already start like one (Chinese
///   headings such as `内景 总裁办公室 - 夜` always need it). The spec forces only when a letter
///   or digit follows the `.`, so a heading starting with anything else is led by its scene
///   number (`.2 - 【内景】…`). `#` is removed from headings and our own scene number `#N#`
///   appended.
/// - **Character cues** are upper-cased and forced with `@` unless they are plain ASCII
///   capitals (`LIN XIA`, `MR. GU`): Chinese names have no case, so without `@` they would be
///   action; hostile names (`INT. FAKE`, `CUT TO:`) must not become headings or transitions.
/// Emphasis (`*`, `_`) is left alone: at worst it changes a word's style.
enum FountainScreenplay {
    /// A zero-width space: splits a markup token without changing what a reader sees.
    static let breaker: Unicode.Scalar = "\u{200B}"

    /// One episode, with its own title page.
    static func episode(_ document: StoryboardDocument, transitions: Bool = false) -> String {
        var blocks = [titlePage(title: document.dramaTitle, episode: document)]
        blocks += body(document, transitions: transitions)
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// A whole drama: one title page, then each episode after a page break and a `# Episode N`
    /// section (sections outline the script in writing tools and are not printed).
    static func drama(_ documents: [StoryboardDocument], transitions: Bool = false) -> String {
        let ordered = documents.enumerated()
            .sorted { ($0.element.run.episodeNumber, $0.offset) < ($1.element.run.episodeNumber, $1.offset) }
            .map(\.element)
        var blocks = [titlePage(title: ordered.first?.dramaTitle ?? "", episode: nil)]
        for document in ordered {
            blocks.append("===")
            let title = ExportText.singleLine(document.episodeTitle)
            blocks.append(inline("# Episode \(document.run.episodeNumber)" + (title.isEmpty ? "" : ": \(title)")))
            blocks += body(document, transitions: transitions)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Blocks

    static func titlePage(title: String, episode document: StoryboardDocument?) -> String {
        let cleanedTitle = ExportText.singleLine(title)
        var lines = ["Title: " + inline(cleanedTitle.isEmpty ? "Untitled" : cleanedTitle)]
        if let document {
            let episodeTitle = ExportText.singleLine(document.episodeTitle)
            lines.append("Episode: " + inline("\(document.run.episodeNumber)" + (episodeTitle.isEmpty ? "" : " - \(episodeTitle)")))
        }
        return lines.joined(separator: "\n")
    }

    /// The scenes of one episode, as blocks separated by blank lines.
    static func body(_ document: StoryboardDocument, transitions: Bool) -> [String] {
        var blocks: [String] = []
        for (index, scene) in document.scenes.enumerated() {
            blocks.append(heading(scene))
            if let summary = action(scene.summary) { blocks.append(summary) }
            for element in elements(of: scene) {
                switch element {
                case .shot(let shot):
                    if let description = action(shot.description) { blocks.append(description) }
                    blocks += shot.lines.compactMap { block(for: $0, in: document) }
                case .line(let line):
                    if let block = block(for: line, in: document) { blocks.append(block) }
                }
            }
            if transitions, index < document.scenes.count - 1 {
                blocks.append("CUT TO:")
            }
        }
        return blocks
    }

    enum Element {
        case shot(StoryboardDocument.Shot)
        case line(StoryboardDocument.Line)
    }

    /// Shots and the lines attached to no shot, in time order (a shot before a line that starts
    /// at the same moment).
    static func elements(of scene: StoryboardDocument.Scene) -> [Element] {
        var elements = scene.shots.map(Element.shot)
        for line in scene.looseLines.sorted(by: { $0.ordinal < $1.ordinal }) {
            let position = elements.firstIndex { element in
                if case .shot(let shot) = element { return shot.start > line.start }
                return false
            } ?? elements.endIndex
            elements.insert(.line(line), at: position)
        }
        return elements
    }

    static func heading(_ scene: StoryboardDocument.Scene) -> String {
        var text = ExportText.singleLine(scene.heading)
        if text.isEmpty {
            text = [scene.setting, scene.location].map(ExportText.singleLine).filter { !$0.isEmpty }.joined(separator: " ")
            let time = ExportText.singleLine(scene.timeOfDay)
            if !time.isEmpty { text += text.isEmpty ? time : " - \(time)" }
        }
        text = ExportText.singleLine(text.replacingOccurrences(of: "#", with: ""))
        while text.hasPrefix(".") { text = ExportText.singleLine(String(text.dropFirst())) }
        if text.isEmpty { text = "SCENE \(scene.number)" }
        text = inline(text)
        if startsLikeHeading(text) { return text + " #\(scene.number)#" }
        // `.` forces a heading only when a letter or digit follows (`...` opens action), so a
        // heading such as `【内景】…` or `"…"` is led by its scene number.
        if let first = text.first, !(first.isLetter || first.isNumber) { text = "\(scene.number) - " + text }
        return "." + text + " #\(scene.number)#"
    }

    /// A transcript line: on-screen text as `ON SCREEN: …` action; everything else as a cue, an
    /// optional parenthetical and the dialogue. nil when the line has no text.
    static func block(for line: StoryboardDocument.Line, in document: StoryboardDocument) -> String? {
        let speech = ExportText.nonEmptyLines(line.text)
        guard !speech.isEmpty else { return nil }
        let speaker = document.speakerName(line).map(ExportText.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        let fallbackName: String
        let fallbackExtension: String?
        switch line.kind {
        case .onScreenText:
            return action("ON SCREEN: " + speech.joined(separator: " "))
        case .dialogue: (fallbackName, fallbackExtension) = ("UNKNOWN", nil)
        case .voiceOver: (fallbackName, fallbackExtension) = ("UNKNOWN", "V.O.")
        case .offScreen: (fallbackName, fallbackExtension) = ("UNKNOWN", "O.S.")
        case .narration: (fallbackName, fallbackExtension) = ("NARRATOR", "V.O.")
        }
        var lines = [cue(name: speaker ?? fallbackName, extension: fallbackExtension)]
        if let parenthetical = parenthetical(line.delivery) { lines.append(parenthetical) }
        lines += speech.map(dialogueLine)
        return lines.joined(separator: "\n")
    }

    static func cue(name: String, extension cueExtension: String?) -> String {
        var upper = inline(ExportText.singleLine(name).uppercased())
        // A trailing `^` would make this the second half of dual dialogue.
        while upper.hasSuffix("^") { upper = ExportText.singleLine(String(upper.dropLast())) }
        if upper.isEmpty { upper = "UNKNOWN" }
        let plain = isPlainCue(upper) && !startsLikeHeading(upper)
        return (plain ? "" : "@") + upper + (cueExtension.map { " (\($0))" } ?? "")
    }

    /// `(whispering)`: one line, the delivery's own outer parentheses not doubled.
    static func parenthetical(_ delivery: String?) -> String? {
        let text = ExportText.delivery(delivery)
        guard !text.isEmpty else { return nil }
        return "(" + inline(text) + ")"
    }

    /// An action paragraph from user text, or nil when there is nothing to say.
    static func action(_ text: String) -> String? {
        let line = inline(ExportText.singleLine(text))
        guard !line.isEmpty else { return nil }
        return needsForcedAction(line) ? "!" + line : line
    }

    static func dialogueLine(_ text: String) -> String {
        let line = inline(text)
        guard let first = line.unicodeScalars.first else { return line }
        let risky = "~(=#!@>[".unicodeScalars.contains(first) || startsLikeHeading(line) || isTransition(line)
        return risky ? String(Character(breaker)) + line : line
    }

    // MARK: - Rules

    static func needsForcedAction(_ line: String) -> Bool {
        guard let first = line.unicodeScalars.first else { return false }
        return "!@#=~>.".unicodeScalars.contains(first) || startsLikeHeading(line) || isTransition(line)
    }

    /// `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT` or `I/E`, then `.` or a space, in any case.
    static func startsLikeHeading(_ line: String) -> Bool {
        let upper = line.uppercased()
        return ["INT./EXT", "INT/EXT", "INT", "EXT", "EST", "I/E"].contains { prefix in
            guard upper.hasPrefix(prefix) else { return false }
            let next = upper.dropFirst(prefix.count).first
            return next == "." || next == " "
        }
    }

    /// Capitals ending in `TO:`: Fountain's transition (`CUT TO:`). An all-capitals line that is
    /// not one is harmless here: a cue needs dialogue on the next line, and every action
    /// paragraph is followed by a blank line.
    static func isTransition(_ line: String) -> Bool {
        line.hasSuffix("TO:") && !line.contains { $0.isLowercase }
    }

    /// ASCII capitals, digits, spaces and `. _ - '`, starting with a letter: what every Fountain
    /// parser recognises as a cue without `@`.
    static func isPlainCue(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (0x41...0x5A).contains(first.value) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            (0x41...0x5A).contains(scalar.value) || (0x30...0x39).contains(scalar.value) || " ._-'".unicodeScalars.contains(scalar)
        }
    }

    /// Breaks `[[`, `]]`, `/*`, `*/`, `{{` and `}}` with a zero-width space, however many repeat.
    static func inline(_ text: String) -> String {
        let pairs: Set<String> = ["[[", "]]", "/*", "*/", "{{", "}}"]
        var result = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let previous, pairs.contains(String(previous) + String(scalar)) {
                result.unicodeScalars.append(breaker)
            }
            result.unicodeScalars.append(scalar)
            previous = scalar
        }
        return result
    }
}
