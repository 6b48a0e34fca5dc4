/// What someone typed into a search box, as a full-text query that FTS5 always accepts.
///
/// - Words separated by white space must all match (AND).
/// - `"quoted words"` match as a phrase; an unclosed quote runs to the end.
/// - A trailing `*` asks for a prefix: `ceo*` → `"ceo"*`, `"signs the con"*`.
/// - A leading `-` excludes: `总裁 -离婚` → `"总裁" NOT "离婚"`. Exclusions need at least one
///   included term; alone they are dropped.
/// - A word or phrase ending in a lone CJK character becomes a prefix query by itself: the
///   `cjk` tokenizer indexes 妈妈 as the bigram 妈妈 (plus a unigram for the *last* character
///   only), so 妈 alone is found as `"妈"*`.
///
/// Every term is written as an FTS5 string, so `AND`, `OR`, `NOT`, `NEAR(`, `col:`, `^` and
/// parentheses typed by a user are text, never syntax. Terms without a letter or digit are
/// dropped; at most `maxTerms` terms from the first `maxCharacters` characters are used.
public struct SearchQuery: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        /// The words of the term as typed, without quotes, `*` or `-`.
        public var text: String
        public var isPhrase: Bool
        public var isPrefix: Bool
        public var isExcluded: Bool

        public init(_ text: String, isPhrase: Bool = false, isPrefix: Bool = false, isExcluded: Bool = false) {
            self.text = text
            self.isPhrase = isPhrase
            self.isPrefix = isPrefix
            self.isExcluded = isExcluded
        }

        /// The term as an FTS5 string: in double quotes, with quotes inside doubled.
        public var ftsLiteral: String {
            var literal = "\""
            for scalar in text.unicodeScalars {
                if scalar == "\"" { literal += "\"\"" } else { literal.unicodeScalars.append(scalar) }
            }
            literal += isPrefix ? "\"*" : "\""
            return literal
        }
    }

    public static let maxTerms = 16
    public static let maxCharacters = 200

    public let terms: [Term]

    /// Nil when nothing in `text` can be searched for.
    public init?(_ text: String) {
        var terms: [Term] = []
        for var term in Self.scan(String(text.prefix(Self.maxCharacters))) where Self.isSearchable(term.text) {
            if !term.isPrefix && Self.endsWithLoneCJKCharacter(term.text) { term.isPrefix = true }
            terms.append(term)
            if terms.count == Self.maxTerms { break }
        }
        guard terms.contains(where: { !$0.isExcluded }) else { return nil }
        self.terms = terms
    }

    /// The FTS5 MATCH expression: included terms ANDed, then each exclusion as `NOT`.
    public var matchExpression: String {
        let included = terms.filter { !$0.isExcluded }.map(\.ftsLiteral)
        let excluded = terms.filter(\.isExcluded).map(\.ftsLiteral)
        var expression = included.joined(separator: " AND ")
        if !excluded.isEmpty {
            if included.count > 1 { expression = "(" + expression + ")" }
            expression += excluded.map { " NOT " + $0 }.joined()
        }
        return expression
    }

    /// The expression restricted to one column of the table, as FTS5 column filters write it
    /// (`col : (expr)`, https://www.sqlite.org/fts5.html#fts5_column_filters). The column name
    /// is written as an FTS5 string too.
    public func matchExpression(column: String) -> String {
        Term(column).ftsLiteral + " : (" + matchExpression + ")"
    }
}

extension SearchQuery {
    /// Splits typed text into raw terms, keeping quoted phrases together.
    private static func scan(_ text: String) -> [Term] {
        let scalars = Array(text.unicodeScalars)
        var terms: [Term] = []
        var i = 0
        func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
            // Control characters (NUL above all) would end the MATCH string early in SQLite.
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
        }
        while i < scalars.count {
            if isSeparator(scalars[i]) { i += 1; continue }
            var isExcluded = false
            if scalars[i] == "-", i + 1 < scalars.count, !isSeparator(scalars[i + 1]) {
                isExcluded = true
                i += 1
            }
            var body = String.UnicodeScalarView()
            var isPrefix = false
            let isPhrase = scalars[i] == "\""
            if isPhrase {
                i += 1
                while i < scalars.count, scalars[i] != "\"" {
                    body.append(isSeparator(scalars[i]) ? " " : scalars[i])
                    i += 1
                }
                i += 1  // the closing quote, if any
                while i < scalars.count, scalars[i] == "*" {
                    isPrefix = true
                    i += 1
                }
            } else {
                while i < scalars.count, !isSeparator(scalars[i]) {
                    body.append(scalars[i])
                    i += 1
                }
                while body.last == "*" {
                    body.removeLast()
                    isPrefix = true
                }
            }
            terms.append(Term(String(body), isPhrase: isPhrase, isPrefix: isPrefix, isExcluded: isExcluded))
        }
        return terms
    }

    /// Whether `text` has a character that `unicode61` indexes: a letter, a number or a
    /// private-use character (its default categories `L* N* Co`).
    private static func isSearchable(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isTokenCharacter)
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    /// Whether the last indexed character of `text` is a CJK character not preceded by another:
    /// the tokenizer then ends the query with a unigram, which matches only at the end of a
    /// run in documents unless it is a prefix.
    private static func endsWithLoneCJKCharacter(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let last = scalars.lastIndex(where: isTokenCharacter), CJK.isCJK(scalars[last].value) else {
            return false
        }
        return last == 0 || !CJK.isCJK(scalars[last - 1].value)
    }
}
