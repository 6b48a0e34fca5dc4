/// `{n}_transcript.json`: every line heard or shown in one episode, in time order.
public struct TranscriptFile: Codable, Sendable, Equatable {
    public var schema: String
    public var taskID: String
    public var episode: String
    public var assetID: String
    public var language: String
    /// `asr`, or `subtitle` when the task set `use_subtitle`.
    public var source: TranscriptSource
    public var durationSeconds: Double
    public var lines: [TranscriptLine]

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case episode
        case assetID = "asset_id"
        case language, source
        case durationSeconds = "duration_seconds"
        case lines
    }

    public init(
        schema: String = ResultSchema.current,
        taskID: String,
        episode: String,
        assetID: String,
        language: String,
        source: TranscriptSource,
        durationSeconds: Double,
        lines: [TranscriptLine]
    ) {
        self.schema = schema
        self.taskID = taskID
        self.episode = episode
        self.assetID = assetID
        self.language = language
        self.source = source
        self.durationSeconds = durationSeconds
        self.lines = lines
    }
}

/// Where the transcript's text came from.
public enum TranscriptSource: String, Codable, Sendable {
    case asr
    case subtitle
}

/// One line: dialogue, voice-over, off-screen speech, narration or on-screen text.
public struct TranscriptLine: Codable, Sendable, Equatable {
    /// Unique within the episode: `e{episode}-l{nnnn}`.
    public var id: String
    /// Namelist id, or nil for an unidentified speaker (and for on-screen text with no author).
    public var speakerID: String?
    public var kind: LineKind
    public var text: String
    /// A parenthetical such as "whispering", "coldly"; nil when there is none.
    public var delivery: String?
    public var start: Double
    public var end: Double
    public var sceneNumber: Int
    /// The shot the line starts in.
    public var shotNumber: Int

    enum CodingKeys: String, CodingKey {
        case id
        case speakerID = "speaker_id"
        case kind, text, delivery, start, end
        case sceneNumber = "scene_number"
        case shotNumber = "shot_number"
    }

    public init(
        id: String,
        speakerID: String?,
        kind: LineKind,
        text: String,
        delivery: String?,
        start: Double,
        end: Double,
        sceneNumber: Int,
        shotNumber: Int
    ) {
        self.id = id
        self.speakerID = speakerID
        self.kind = kind
        self.text = text
        self.delivery = delivery
        self.start = start
        self.end = end
        self.sceneNumber = sceneNumber
        self.shotNumber = shotNumber
    }

    /// Explicitly encodes `speaker_id: null` so "unknown speaker" is visible in the file.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(speakerID, forKey: .speakerID)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
        try container.encode(delivery, forKey: .delivery)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(sceneNumber, forKey: .sceneNumber)
        try container.encode(shotNumber, forKey: .shotNumber)
    }
}
