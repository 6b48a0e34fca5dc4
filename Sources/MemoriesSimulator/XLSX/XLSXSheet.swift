/// One worksheet: a name, a bold header row, data rows and optional column widths.
public struct XLSXSheet: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[XLSXCell]]
    /// Widths in characters, by column; missing columns use the default width.
    public var columnWidths: [Double]

    public init(name: String, header: [String], rows: [[XLSXCell]], columnWidths: [Double] = []) {
        self.name = XLSXSheet.sanitizedName(name)
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
    }

    /// Excel's rules: at most 31 characters, none of `[]:*?/\`, not empty, no leading or
    /// trailing apostrophe.
    public static func sanitizedName(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var cleaned = String(name.filter { !forbidden.contains($0) && $0.unicodeScalars.allSatisfy(XMLText.isAllowed) })
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = String(cleaned.prefix(31))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
    static func columnLetters(_ index: Int) -> String {
        var number = index + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}
