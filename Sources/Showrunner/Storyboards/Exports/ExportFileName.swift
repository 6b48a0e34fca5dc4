import Foundation

/// The download name of an export and the `Content-Disposition` value that carries it:
/// `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 with the
/// RFC 8187 extended parameter). Browsers that understand `filename*` (all current ones) show the
/// UTF-8 name, e.g. `总裁的契约新娘 - EP03 - storyboard.csv`; the rest get the ASCII fallback.
///
/// The drama title is user text, so it is cleaned before it becomes a name: bidi controls are
/// stripped (a right-to-left override turns `evil\u{202E}vsc.exe` into something that reads as
/// `evilexe.csv`), characters no file system accepts become `_`, and the length is capped.
public struct ExportFileName: Sendable, Equatable {
    /// Characters before the extension, counted after cleaning. A hostile or rambling title must
    /// not produce an unbounded header; browsers shorten further to fit their file system.
    public static let maxStemLength = 150

    public var dramaTitle: String
    /// nil for a whole-drama export.
    public var episodeNumber: Int?
    /// What the file holds: `storyboard`, `screenplay`, `subtitles`.
    public var label: String
    /// Without the dot: `csv`, `xlsx`, `fountain`, `srt`, `vtt`.
    public var fileExtension: String

    public init(dramaTitle: String, episodeNumber: Int? = nil, label: String, fileExtension: String) {
        self.dramaTitle = dramaTitle
        self.episodeNumber = episodeNumber
        self.label = label
        self.fileExtension = fileExtension
    }

    /// The UTF-8 name, cleaned: `总裁的契约新娘 - EP03 - storyboard.csv`.
    public var name: String {
        stem(title: Self.cleanedComponent(dramaTitle)) + dottedExtension
    }

    /// A quoted-string-safe ASCII name: non-ASCII runs, quotes, backslashes, `%` (old browsers
    /// percent-decode the fallback) and controls become `_`. A title with no ASCII letter or digit
    /// left is dropped rather than shown as `_`, so the fallback still says what the file is.
    public var asciiFallback: String {
        var title = ""
        var replacing = false
        for scalar in Self.cleanedComponent(dramaTitle).unicodeScalars {
            if scalar.isASCII, scalar.value >= 0x20, scalar.value != 0x7F, !"\"\\%".unicodeScalars.contains(scalar) {
                title.unicodeScalars.append(scalar)
                replacing = false
            } else if !replacing {
                title += "_"
                replacing = true
            }
        }
        if !title.unicodeScalars.contains(where: Self.isASCIIAlphanumeric) {
            title = ""
        }
        return stem(title: title) + dottedExtension
    }

    /// `name` as an RFC 8187 `value-chars`: every UTF-8 byte outside `attr-char` percent-encoded.
    public var percentEncoded: String {
        Self.percentEncode(name)
    }

    public var contentDisposition: String {
        "attachment; filename=\"\(asciiFallback)\"; filename*=UTF-8''\(percentEncoded)"
    }

    // MARK: - Building

    private var dottedExtension: String {
        var cleaned = ""
        for scalar in fileExtension.lowercased().unicodeScalars where Self.isASCIIAlphanumeric(scalar) {
            cleaned.unicodeScalars.append(scalar)
        }
        return cleaned.isEmpty ? "" : "." + cleaned
    }

    /// `title - EP03 - label`, the title shortened first so the episode and label always survive
    /// the length cap.
    private func stem(title: String) -> String {
        var tail: [String] = []
        if let episodeNumber { tail.append(Self.episodeCode(episodeNumber)) }
        let cleanedLabel = Self.cleanedComponent(label)
        if !cleanedLabel.isEmpty { tail.append(cleanedLabel) }
        let suffix = tail.joined(separator: " - ")
        let room = Self.maxStemLength - suffix.count - (suffix.isEmpty ? 0 : 3)
        let shortTitle = Self.trimmedEnds(String(title.prefix(max(0, room))))
        let parts = (shortTitle.isEmpty ? [] : [shortTitle]) + (suffix.isEmpty ? [] : [suffix])
        let joined = parts.joined(separator: " - ")
        return joined.isEmpty ? "export" : String(joined.prefix(Self.maxStemLength))
    }

    /// `EP03`; three digits from episode 100 on (dramas run past 99 episodes).
    static func episodeCode(_ number: Int) -> String {
        let digits = String(max(0, number))
        return "EP" + String(repeating: "0", count: max(0, 2 - digits.count)) + digits
    }

    /// One line (controls and bidi marks dropped, line breaks read as spaces), the characters
    /// Windows, macOS or Linux refuse in a name (`/ \ : * ? " < > |`) as `_`, and no leading or
    /// trailing dots or spaces (hidden files, Windows' trailing-dot rule).
    static func cleanedComponent(_ text: String) -> String {
        let reserved = Set("/\\:*?\"<>|".unicodeScalars)
        var result = ""
        for scalar in ExportText.singleLine(text).unicodeScalars {
            result.unicodeScalars.append(reserved.contains(scalar) ? "_" : scalar)
        }
        return trimmedEnds(result)
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return false
        }
    }

    private static func trimmedEnds(_ text: String) -> String {
        var result = Substring(text)
        while let first = result.first, first == " " || first == "." { result.removeFirst() }
        while let last = result.last, last == " " || last == "." { result.removeLast() }
        return String(result)
    }

    /// RFC 8187 `attr-char`: `ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"`.
    static func percentEncode(_ text: String) -> String {
        let attrChars = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if attrChars.contains(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
