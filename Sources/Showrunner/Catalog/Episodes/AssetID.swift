/// memories.ai asset ids: `re_` followed by digits. Every id the vendor shows has 18 digits
/// (a time-ordered id); we accept 10–24 so a future longer id still passes while a typo such
/// as `re_1` does not.
public enum AssetID {
    static let digitCount = 10...24

    public static func isValid(_ text: String) -> Bool {
        guard text.hasPrefix("re_") else { return false }
        let digits = text.dropFirst(3)
        return digitCount.contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A message for the form, or nil when `text` is a valid asset id.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "Enter the memories.ai asset id (re_ followed by digits)." }
        if isValid(text) { return nil }
        if text.hasPrefix("VI") { return "\(text) is a Visual Search video id; screenplay tasks need an asset id starting with re_." }
        return "\(text) is not an asset id. Asset ids look like re_657739295220518912."
    }
}
