/// The output of a compiled template: UTF-8 bytes, appended to, never re-read.
///
/// Escaping matches swift-mustache's HTML content type (`< > & " '`), but over bytes instead
/// of `Character`s: text without any of the five characters is copied in one go.
public struct HTMLWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// Where the viewer's own values were written, in order (see `ViewerText`).
    public private(set) var viewerHoles: [ViewerHole] = []
    /// A viewer value was written where no hole could note it (`{{{ }}}`): the page is only
    /// this viewer's.
    public private(set) var hasUnkeptViewerText = false

    public init(capacity: Int = 16 * 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    /// Template text: already HTML.
    public mutating func text(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A triple-mustache value or prerendered HTML: written as it is.
    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes of a page rendered earlier (`PageCache`): already HTML.
    public mutating func rendered(_ slice: ArraySlice<UInt8>) {
        bytes.append(contentsOf: slice)
    }

    /// A double-mustache value: escaped.
    public mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { escape($0) }
    }

    public mutating func escaped(_ text: Substring) {
        var text = text
        text.withUTF8 { escape($0) }
    }

    /// A value of the viewer's: escaped like any other, its place noted.
    public mutating func viewer(_ text: ViewerText) {
        let start = bytes.count
        escaped(text.text)
        viewerHoles.append(ViewerHole(start: start, end: bytes.count, slot: text.slot))
    }

    public mutating func unkeptViewer(_ text: ViewerText) {
        raw(text.text)
        hasUnkeptViewerText = true
    }

    private mutating func escape(_ source: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<source.count {
            let replacement: StaticString
            switch source[index] {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            if index > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index])) }
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            start = index + 1
        }
        if start < source.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...])) }
    }

    /// Mustache's indentation of standalone partials, token by token: a token's output that
    /// starts a new line of its scope's output (which began at `scopeStart`) gets `indentation`
    /// in front. swift-mustache compares the scope's last `Character` with "\n", so a scope
    /// ending in "\r\n" (one Character) does not count as a new line.
    public mutating func indentToken(from tokenStart: Int, scopeStart: Int, indentation: StaticString) {
        guard bytes.count > tokenStart, tokenStart > scopeStart, bytes[tokenStart - 1] == UInt8(ascii: "\n") else { return }
        if tokenStart - 2 >= scopeStart, bytes[tokenStart - 2] == UInt8(ascii: "\r") { return }
        indentation.withUTF8Buffer { bytes.insert(contentsOf: $0, at: tokenStart) }
        // The token may hold viewer values: they moved with it.
        let shift = indentation.utf8CodeUnitCount
        for index in viewerHoles.indices.reversed() {
            // An empty hole right at tokenStart is the previous token's (viewer values are never
            // empty in practice: a token, an address, a name).
            let hole = viewerHoles[index]
            guard hole.start > tokenStart || (hole.start == tokenStart && hole.end > hole.start) else { break }
            viewerHoles[index].start += shift
            viewerHoles[index].end += shift
        }
    }
}
