import Foundation

/// Marks where a query's words occur in a result's text, in Swift rather than with FTS5's
/// `highlight()`: SQLite 3.40 (Debian 12) repeats text when two bigram matches overlap
/// (哈哈 in 哈哈哈哈), which short-drama dialogue does all the time, and one query per result
/// is saved. Matching follows the tokenizer closely enough for display: case and diacritics
/// ignored, whole words for Latin terms (prefix terms only need the word's start), anywhere
/// for CJK terms.
enum SearchHighlighter {
    static func segments(_ text: String, query: SearchQuery, context: Int = 80) -> [SearchRepository.Segment] {
        var ranges: [Range<String.Index>] = []
        for term in query.terms where !term.isExcluded {
            let needle = term.text.trimmingCharacters(in: .whitespaces)
            guard !needle.isEmpty else { continue }
            let needsBoundaries = !needle.unicodeScalars.contains { CJK.isCJK($0.value) }
            var start = text.startIndex
            while start < text.endIndex,
                  let found = text.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive], range: start..<text.endIndex) {
                let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
                let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
                let startsWord = before.map { !isWordCharacter($0) } ?? true
                let endsWord = term.isPrefix || (after.map { !isWordCharacter($0) } ?? true)
                if !needsBoundaries || (startsWord && endsWord) {
                    // A prefix term marks the rest of the word it starts.
                    var upper = found.upperBound
                    if term.isPrefix && needsBoundaries {
                        while upper < text.endIndex, isWordCharacter(text[upper]) { upper = text.index(after: upper) }
                    }
                    ranges.append(found.lowerBound..<upper)
                }
                start = found.upperBound > found.lowerBound ? found.upperBound : text.index(after: found.lowerBound)
            }
        }
        return cut(split(text, at: merged(ranges)), context: context)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    private static func merged(_ ranges: [Range<String.Index>]) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    private static func split(_ text: String, at ranges: [Range<String.Index>]) -> [SearchRepository.Segment] {
        var segments: [SearchRepository.Segment] = []
        var position = text.startIndex
        for range in ranges {
            if position < range.lowerBound { segments.append(.init(text: String(text[position..<range.lowerBound]), isMatch: false)) }
            segments.append(.init(text: String(text[range]), isMatch: true))
            position = range.upperBound
        }
        if position < text.endIndex { segments.append(.init(text: String(text[position...]), isMatch: false)) }
        return segments
    }

    /// Long texts (summaries) are cut to a window around the first match.
    private static func cut(_ segments: [SearchRepository.Segment], context: Int) -> [SearchRepository.Segment] {
        var segments = segments
        guard let first = segments.firstIndex(where: \.isMatch) else {
            if let only = segments.first, segments.count == 1, only.text.count > context * 2 {
                segments[0].text = String(only.text.prefix(context * 2)) + "…"
            }
            return segments
        }
        if first > 0, segments[first - 1].text.count > context {
            segments[first - 1].text = "…" + String(segments[first - 1].text.suffix(context))
        }
        if let last = segments.indices.last, !segments[last].isMatch, segments[last].text.count > context * 2 {
            segments[last].text = String(segments[last].text.prefix(context * 2)) + "…"
        }
        return segments
    }
}
