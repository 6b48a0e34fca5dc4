/// The languages the content generator writes. Anything not Chinese falls back to English.
enum ContentLanguage: String, Sendable {
    case chinese = "zh-CN"
    case english = "en"

    init(requested: String?) {
        let code = (requested ?? "").lowercased()
        self = code.hasPrefix("zh") ? .chinese : .english
    }

    /// Picks the text for this language from a pair.
    func pick(_ zh: String, _ en: String) -> String {
        self == .chinese ? zh : en
    }
}

/// A text in both languages.
struct Bilingual: Sendable {
    let zh: String
    let en: String

    init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    func text(_ language: ContentLanguage) -> String { language.pick(zh, en) }
}
