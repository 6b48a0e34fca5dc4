import Testing

@testable import Showrunner

/// Marking matches in result text: every character once, whatever overlaps.
@Suite struct SearchHighlighterTests {
    func marked(_ text: String, _ query: String) throws -> String {
        let parsed = try #require(SearchQuery(query))
        return SearchHighlighter.segments(text, query: parsed).map { $0.isMatch ? "[\($0.text)]" : $0.text }.joined()
    }

    @Test func overlappingAndRepeatedMatchesKeepTheTextIntact() throws {
        #expect(try marked("哈哈哈哈，太好笑了", "哈哈") == "[哈哈哈哈]，太好笑了")
        #expect(try marked("总裁办公室里一片安静", "总 裁") == "[总裁]办公室里一片安静")
        #expect(try marked("总裁办公室里一片安静", "总裁 办公室") == "[总裁办公室]里一片安静")
    }

    @Test func latinTermsMatchWholeWordsOrPrefixesIgnoringCaseAndAccents() throws {
        #expect(try marked("The CEO signs the contract.", "ceo") == "The [CEO] signs the contract.")
        #expect(try marked("CEOs and the ceo", "ceo") == "CEOs and the [ceo]")
        #expect(try marked("CEOs and the ceo", "ceo*") == "[CEOs] and the [ceo]")
        #expect(try marked("Café au lait", "cafe") == "[Café] au lait")
        #expect(try marked("The CEO signs the contract.", "\"signs the contract\"") == "The CEO [signs the contract].")
    }

    @Test func excludedTermsAreNotMarkedAndLongTextIsCutAroundTheMatch() throws {
        #expect(try marked("总裁办公室", "总裁 -办公室") == "[总裁]办公室")
        let long = String(repeating: "很", count: 200) + "总裁" + String(repeating: "长", count: 300)
        let text = try marked(long, "总裁")
        #expect(text.hasPrefix("…"))
        #expect(text.hasSuffix("…"))
        #expect(text.contains("[总裁]"))
        #expect(text.count < 300)
    }
}
