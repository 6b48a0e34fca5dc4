/// Extraction modes. Only `short_drama` works today; the other two are documented as "coming soon".
public enum ScreenplayMode: String, Codable, Sendable, CaseIterable {
    case shortDrama = "short_drama"
    case koreanDrama = "korean_drama"
    case promptScript = "prompt_script"

    /// Whether upstream accepts the mode yet.
    public var isAvailable: Bool { self == .shortDrama }
}
