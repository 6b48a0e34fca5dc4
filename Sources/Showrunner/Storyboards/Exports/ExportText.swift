import Foundation

/// Text clean-up every export shares: what no reader of a file should ever receive from
/// untrusted upstream text. Each exporter adds its own format's rules on top.
enum ExportText {
    /// Removed outright: C0/C1 controls other than tab and newlines (NUL, BEL, ESC…), DEL, the
    /// bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F,
    /// U+061C: "Trojan Source"-style spoofing), the BOM/zero-width no-break space, and the
    /// noncharacters U+FFFE/U+FFFF.
    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// Line breaks in every spelling (CRLF, CR, NEL, U+2028, U+2029) read as one newline.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains(scalar.value)
    }

    /// Removed characters dropped and line breaks normalised to `\n`.
    static func cleaned(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n", previousWasCR { continue }
            if isLineBreak(scalar) {
                result += "\n"
            } else if !isRemoved(scalar) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Cleaned and flattened to one line: every run of whitespace (newlines and tabs included)
    /// becomes one space, and the ends are trimmed. A cell, a cue name or a screenplay line built
    /// from this cannot smuggle in a second line.
    static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in cleaned(text).unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result += " " }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A delivery note on one line, without the parentheses some upstream notes already carry
    /// (`(shouting)`), so exports that add their own do not print `((shouting))`.
    static func delivery(_ text: String?) -> String {
        let line = singleLine(text ?? "")
        guard line.count >= 2, line.hasPrefix("("), line.hasSuffix(")") else { return line }
        return singleLine(String(line.dropFirst().dropLast()))
    }

    /// Cleaned, split into lines, each flattened; blank lines dropped.
    static func nonEmptyLines(_ text: String) -> [String] {
        cleaned(text).split(separator: "\n", omittingEmptySubsequences: true).map { singleLine(String($0)) }.filter { !$0.isEmpty }
    }
}
