/// Body of `POST /screenplay/tasks`.
public struct SubmitTaskRequest: Codable, Sendable, Equatable {
    /// Extraction mode. A plain string so unknown modes survive a round trip (the simulator
    /// must be able to reject them); use `ScreenplayMode` to build one.
    public var mode: String
    /// Episode number (as a string, `"1"`…`"N"`) → asset id (`re_…`).
    public var episodes: [String: String]
    /// Always sent, even when every field is nil: the object itself is required upstream.
    public var config: ScreenplayConfig

    public init(mode: ScreenplayMode = .shortDrama, episodes: [String: String], config: ScreenplayConfig = ScreenplayConfig()) {
        self.mode = mode.rawValue
        self.episodes = episodes
        self.config = config
    }

    public init(rawMode: String, episodes: [String: String], config: ScreenplayConfig) {
        self.mode = rawMode
        self.episodes = episodes
        self.config = config
    }

    /// Episode keys sorted numerically (`"2"` before `"10"`), non-numeric keys last.
    public var sortedEpisodeKeys: [String] {
        episodes.keys.sorted { lhs, rhs in
            switch (Int(lhs), Int(rhs)) {
            case let (l?, r?): return l < r
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return lhs < rhs
            }
        }
    }
}

/// `config` of a submit request. Every field is optional upstream; nil fields are omitted
/// from the JSON so the server's documented defaults apply.
public struct ScreenplayConfig: Codable, Sendable, Equatable {
    public var language: String?
    public var useFaceRecognition: Bool?
    public var useSubtitle: Bool?
    /// Upstream default: true.
    public var requireJSON: Bool?
    /// Upstream default: false.
    public var requireXLSX: Bool?
    /// Upstream default: false.
    public var requireMergeXLSX: Bool?
    /// Upstream default: 100. Meaning and bounds are undocumented.
    public var concurrency: Int?

    enum CodingKeys: String, CodingKey {
        case language
        case useFaceRecognition = "use_face_recognition"
        case useSubtitle = "use_subtitle"
        case requireJSON = "require_json"
        case requireXLSX = "require_xlsx"
        case requireMergeXLSX = "require_merge_xlsx"
        case concurrency
    }

    public init(
        language: String? = nil,
        useFaceRecognition: Bool? = nil,
        useSubtitle: Bool? = nil,
        requireJSON: Bool? = nil,
        requireXLSX: Bool? = nil,
        requireMergeXLSX: Bool? = nil,
        concurrency: Int? = nil
    ) {
        self.language = language
        self.useFaceRecognition = useFaceRecognition
        self.useSubtitle = useSubtitle
        self.requireJSON = requireJSON
        self.requireXLSX = requireXLSX
        self.requireMergeXLSX = requireMergeXLSX
        self.concurrency = concurrency
    }

    /// The output flags with upstream's documented defaults applied.
    public var effectiveOutputs: OutputFlags {
        OutputFlags(json: requireJSON ?? true, xlsx: requireXLSX ?? false, mergedXLSX: requireMergeXLSX ?? false)
    }
}

/// Which result files a task produces.
public struct OutputFlags: Codable, Sendable, Equatable {
    public var json: Bool
    public var xlsx: Bool
    public var mergedXLSX: Bool

    public init(json: Bool, xlsx: Bool, mergedXLSX: Bool) {
        self.json = json
        self.xlsx = xlsx
        self.mergedXLSX = mergedXLSX
    }

    /// At least one output is required upstream.
    public var isEmpty: Bool { !json && !xlsx && !mergedXLSX }
}
