/// memories.ai asset ids: `re_` followed by digits (the vendor's examples have 18).
public enum AssetID {
    public static func isValid(_ text: String) -> Bool {
        guard text.hasPrefix("re_") else { return false }
        let digits = text.dropFirst(3)
        return (1...32).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A message for the form, or nil when `text` is a valid asset id.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "Enter the memories.ai asset id (re_ followed by digits)." }
        if isValid(text) { return nil }
        if text.hasPrefix("VI") { return "\(text) is a Visual Search video id; screenplay tasks need an asset id starting with re_." }
        return "\(text) is not an asset id. Asset ids look like re_657739295220518912."
    }
}
