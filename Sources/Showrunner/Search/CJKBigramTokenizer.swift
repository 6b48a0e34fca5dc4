import GRDB

/// An FTS5 tokenizer (`tokenize='cjk'`) that indexes Chinese, Japanese and Korean text as
/// overlapping character bigrams, and everything else exactly as `unicode61` does.
///
/// Why: `unicode61` splits on spaces and punctuation only, so an unspaced Chinese clause such
/// as 总裁办公室里一片安静 is a single token and 总裁 cannot be found in it. The built-in
/// `trigram` tokenizer finds substrings, but only of three characters or more, and most
/// Chinese words have two. Overlapping bigrams, as Lucene's CJK analyzer (CJKBigramFilter)
/// does, find words of any length ≥ 2 as phrases of consecutive bigrams, with no dictionary.
///
/// For each `unicode61` token that holds CJK characters:
/// - non-CJK stretches (`ceo` in `CEO总裁`) are emitted as one token each;
/// - a lone CJK character is emitted as itself;
/// - a run of n ≥ 2 is emitted as its n − 1 bigrams at consecutive positions, and, in documents
///   only, its last character as a unigram *colocated* with the last bigram (see
///   `CJKTokenSplitter.finishRun`). Every character then starts some token, so one character
///   is found with the prefix query `"妈"*` (which `SearchQuery` writes).
///
/// Every token carries the byte offsets of its own characters in the original text (not those
/// of the enclosing `unicode61` token, as `FTS5WrapperTokenizer` would give), so highlight()
/// and snippet() mark the right characters. One caveat: highlight() in SQLite 3.40 (Debian 12)
/// repeats text when two matches overlap in bytes but not in positions, as in 哈哈哈哈 searched
/// for 哈哈; later SQLite versions merge them (see `CJKTokenizerTests`).
///
/// Arguments after the name are passed to `unicode61` (`tokenize='cjk remove_diacritics 0'`);
/// without any, diacritics are removed (`remove_diacritics 2`).
public final class CJKBigramTokenizer: FTS5CustomTokenizer {
    public static let name = "cjk"

    private let unicode61: any FTS5Tokenizer

    public init(db: Database, arguments: [String]) throws {
        let base: FTS5TokenizerDescriptor = arguments.isEmpty
            ? .unicode61(diacritics: .remove)
            : FTS5TokenizerDescriptor(components: ["unicode61"] + arguments)
        unicode61 = try db.makeTokenizer(base)
    }

    public func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return ResultCode.SQLITE_OK.rawValue }
        var relay = TokenRelay(
            context: context,
            callback: tokenCallback,
            text: UnsafeRawBufferPointer(start: pText, count: Int(nText)),
            isQuery: tokenization.contains(.query))
        // The wrapped tokenizer calls `relayToken` (a C function: it cannot capture) with a
        // pointer to `relay`, which lives on this stack frame for the whole call.
        return withUnsafeMutablePointer(to: &relay) { relayPointer in
            unicode61.tokenize(
                context: UnsafeMutableRawPointer(relayPointer),
                tokenization: tokenization,
                pText: pText,
                nText: nText,
                tokenCallback: relayToken)
        }
    }
}

/// Receives the tokens of `unicode61` and forwards them, split when they hold CJK text.
private func relayToken(
    context: UnsafeMutableRawPointer?,
    flags: CInt,
    pToken: UnsafePointer<CChar>?,
    nToken: CInt,
    iStart: CInt,
    iEnd: CInt
) -> CInt {
    guard let context else { return ResultCode.SQLITE_ERROR.rawValue }
    return context.assumingMemoryBound(to: TokenRelay.self).pointee
        .relay(flags: flags, pToken: pToken, nToken: nToken, iStart: iStart, iEnd: iEnd)
}

/// Where the tokens of one `tokenize` call go, and the text they came from.
private struct TokenRelay {
    let context: UnsafeMutableRawPointer?
    let callback: FTS5TokenCallback
    /// The original text, for the offsets of split tokens.
    let text: UnsafeRawBufferPointer
    /// Queries get no trailing unigrams (see `CJKTokenSplitter.finishRun`).
    let isQuery: Bool

    func relay(flags: CInt, pToken: UnsafePointer<CChar>?, nToken: CInt, iStart: CInt, iEnd: CInt) -> CInt {
        guard let pToken, nToken > 0 else {
            return callback(context, flags, pToken, nToken, iStart, iEnd)
        }
        let folded = UnsafeRawBufferPointer(start: pToken, count: Int(nToken))
        // Fast path: Latin, digits and the like go through untouched.
        guard CJK.containsCJK(folded) else {
            return callback(context, flags, pToken, nToken, iStart, iEnd)
        }
        var splitter = CJKTokenSplitter(
            relay: self, folded: folded, pToken: pToken, flags: flags,
            tokenStart: Int(iStart), tokenEnd: Int(iEnd))
        return splitter.run()
    }
}

/// Splits one folded `unicode61` token into non-CJK stretches, unigrams and bigrams.
///
/// Text comes from the folded token, offsets from the original text: case folding and
/// diacritic removal may change the length of the non-CJK parts but leave CJK characters
/// alone, so the n-th CJK character of the folded token is the n-th CJK character of the
/// original bytes `[tokenStart, tokenEnd)`. When that does not hold (odd bytes that
/// `unicode61` decoded differently), every piece gets the whole token's offsets instead:
/// still searchable, only highlighted more widely.
private struct CJKTokenSplitter {
    let relay: TokenRelay
    let folded: UnsafeRawBufferPointer
    let pToken: UnsafePointer<CChar>
    /// unicode61's flags go on the first piece only.
    var flags: CInt
    let tokenStart: Int
    let tokenEnd: Int
    /// Whether the CJK characters of `folded` and of the original token correspond.
    let aligned: Bool
    /// Where to look for the next CJK character in the original text.
    var originalCursor: Int

    init(relay: TokenRelay, folded: UnsafeRawBufferPointer, pToken: UnsafePointer<CChar>, flags: CInt, tokenStart: Int, tokenEnd: Int) {
        self.relay = relay
        self.folded = folded
        self.pToken = pToken
        self.flags = flags
        let inBounds = 0 <= tokenStart && tokenStart <= tokenEnd && tokenEnd <= relay.text.count
        self.tokenStart = inBounds ? tokenStart : 0
        self.tokenEnd = inBounds ? tokenEnd : relay.text.count
        self.aligned = inBounds && CJK.sameCJKScalars(folded, relay.text, in: tokenStart..<tokenEnd)
        self.originalCursor = self.tokenStart
    }

    mutating func run() -> CInt {
        let ok = ResultCode.SQLITE_OK.rawValue
        var runLength = 0
        // The last CJK character seen: its bytes in the folded token and in the original.
        var lastFolded = 0..<0
        var lastOriginal = tokenStart..<tokenStart
        // An open non-CJK stretch: where it starts in the folded token and in the original.
        var stretchStart: Int?
        var stretchOriginalStart = tokenStart

        var i = 0
        while i < folded.count {
            guard let scalar = CJK.scalar(in: folded, at: i, end: folded.count) else {
                // Not CJK (or not valid UTF-8): one byte of a non-CJK stretch.
                if runLength > 0 {
                    let rc = finishRun(length: runLength, folded: lastFolded, original: lastOriginal)
                    if rc != ok { return rc }
                    runLength = 0
                }
                if stretchStart == nil {
                    stretchStart = i
                    stretchOriginalStart = lastOriginal.upperBound
                }
                i += 1
                continue
            }
            let current = i..<(i + scalar.length)
            i = current.upperBound
            let original = nextOriginalCJK()
            if let start = stretchStart {
                let rc = emit(start..<current.lowerBound, stretchOriginalStart..<original.lowerBound)
                if rc != ok { return rc }
                stretchStart = nil
            }
            if runLength > 0 {
                let rc = emit(lastFolded.lowerBound..<current.upperBound, lastOriginal.lowerBound..<original.upperBound)
                if rc != ok { return rc }
            }
            runLength += 1
            lastFolded = current
            lastOriginal = original
        }
        if runLength > 0 {
            let rc = finishRun(length: runLength, folded: lastFolded, original: lastOriginal)
            if rc != ok { return rc }
        }
        if let start = stretchStart {
            return emit(start..<folded.count, stretchOriginalStart..<tokenEnd)
        }
        return ok
    }

    /// Ends a CJK run whose last character is at `folded` / `original`.
    ///
    /// A lone character is its own token. After the bigrams of a longer run comes its last
    /// character, in documents only and colocated (same position) with the last bigram:
    /// - at its own position it would break phrases that continue past the run, such as
    ///   离婚 CEO or 顾总，您 (a pasted line, tokenized 顾总 您的 …);
    /// - in queries it would ask the document's run to end there: "总裁离婚" would then miss
    ///   总裁离婚了. A query's lone character is already a unigram, which matches this one.
    mutating func finishRun(length: Int, folded: Range<Int>, original: Range<Int>) -> CInt {
        if length == 1 { return emit(folded, original) }
        if relay.isQuery { return ResultCode.SQLITE_OK.rawValue }
        return emit(folded, original, colocated: true)
    }

    /// The byte range, in the original text, of the next CJK character.
    mutating func nextOriginalCJK() -> Range<Int> {
        guard aligned else { return tokenStart..<tokenEnd }
        var j = originalCursor
        while j < tokenEnd {
            if let scalar = CJK.scalar(in: relay.text, at: j, end: tokenEnd) {
                originalCursor = j + scalar.length
                return j..<originalCursor
            }
            j += 1
        }
        // Unreachable once `aligned` holds; harmless if not.
        return tokenStart..<tokenEnd
    }

    mutating func emit(_ text: Range<Int>, _ offsets: Range<Int>, colocated: Bool = false) -> CInt {
        let range = aligned ? offsets : tokenStart..<tokenEnd
        var tokenFlags = flags
        if colocated { tokenFlags |= FTS5TokenFlags.colocated.rawValue }
        flags = 0
        return relay.callback(
            relay.context, tokenFlags, pToken + text.lowerBound, CInt(text.count),
            CInt(range.lowerBound), CInt(range.upperBound))
    }
}

/// Which characters are indexed as bigrams, and UTF-8 helpers that never read out of bounds.
enum CJK {
    /// Han (with extension A, the supplementary planes and compatibility ideographs), kana
    /// (with halfwidth katakana, ー and the iteration marks), Hangul syllables and jamo, 々 〆 〇.
    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF,    // Hangul Jamo
             0x3005...0x3007,    // 々 〆 〇
             0x3040...0x309F,    // Hiragana (with ゝ ゞ and the combining voiced marks)
             0x30A0...0x30FF,    // Katakana (with ー and ヽ ヾ)
             0x3130...0x318F,    // Hangul Compatibility Jamo
             0x31F0...0x31FF,    // Katakana Phonetic Extensions
             0x3400...0x4DBF,    // CJK Unified Ideographs Extension A
             0x4E00...0x9FFF,    // CJK Unified Ideographs
             0xA960...0xA97F,    // Hangul Jamo Extended-A
             0xAC00...0xD7FF,    // Hangul Syllables, Hangul Jamo Extended-B
             0xF900...0xFAFF,    // CJK Compatibility Ideographs
             0xFF66...0xFF9F,    // Halfwidth Katakana (with ｰ)
             0xFFA0...0xFFDC,    // Halfwidth Hangul
             0x20000...0x3FFFF:  // Supplementary and Tertiary Ideographic Planes
            return true
        default:
            return false
        }
    }

    /// Whether `bytes` holds a CJK character.
    static func containsCJK(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < bytes.count {
            if scalar(in: bytes, at: i, end: bytes.count) != nil { return true }
            i += 1
        }
        return false
    }

    /// The CJK character whose UTF-8 encoding starts at `bytes[i]` and ends before `end`, or nil
    /// when there is none (another character, a continuation byte, invalid UTF-8).
    ///
    /// Stepping one byte at a time past nil is safe: every CJK character is encoded from a lead
    /// byte of 0xE1 or more, which no continuation byte or shorter sequence can be mistaken for.
    @inline(__always)
    static func scalar(in bytes: UnsafeRawBufferPointer, at i: Int, end: Int) -> (value: UInt32, length: Int)? {
        let b0 = bytes[i]
        guard b0 >= 0xE1 else { return nil }  // ASCII, Latin, Greek, Cyrillic…: the cheap exit
        let value: UInt32
        let length: Int
        if b0 < 0xF0 {
            guard i + 2 < end else { return nil }
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            value = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            length = 3
        } else if b0 <= 0xF4 {
            guard i + 3 < end else { return nil }
            let b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            value = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F)
            guard value >= 0x10000 else { return nil }  // overlong
            length = 4
        } else {
            return nil
        }
        return isCJK(value) ? (value, length) : nil
    }

    /// Whether the CJK characters of `folded` are, in order, those of `text[range]`.
    static func sameCJKScalars(_ folded: UnsafeRawBufferPointer, _ text: UnsafeRawBufferPointer, in range: Range<Int>) -> Bool {
        var i = 0
        var j = range.lowerBound
        while true {
            var a: (value: UInt32, length: Int)?
            while i < folded.count {
                a = scalar(in: folded, at: i, end: folded.count)
                if a != nil { break }
                i += 1
            }
            var b: (value: UInt32, length: Int)?
            while j < range.upperBound {
                b = scalar(in: text, at: j, end: range.upperBound)
                if b != nil { break }
                j += 1
            }
            switch (a, b) {
            case (nil, nil): return true
            case let (a?, b?) where a.value == b.value:
                i += a.length
                j += b.length
            default: return false
            }
        }
    }
}
