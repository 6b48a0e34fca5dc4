/// `namelist.json`: one cast list for the whole task, which every episode file refers to by id.
public struct NamelistFile: Codable, Sendable, Equatable {
    public var schema: String
    public var taskID: String
    public var language: String
    /// Whether `use_face_recognition` was on (then characters carry `face_cluster_id`).
    public var faceRecognition: Bool
    public var characters: [NamelistCharacter]

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case language
        case faceRecognition = "face_recognition"
        case characters
    }

    public init(
        schema: String = ResultSchema.current,
        taskID: String,
        language: String,
        faceRecognition: Bool,
        characters: [NamelistCharacter]
    ) {
        self.schema = schema
        self.taskID = taskID
        self.language = language
        self.faceRecognition = faceRecognition
        self.characters = characters
    }
}

/// One character of the drama.
public struct NamelistCharacter: Codable, Sendable, Equatable {
    /// Stable within the task: `C01`… for the recurring cast, `X01`… for extras.
    public var id: String
    /// The display name (`顾言深`, `Gu Yanshen`).
    public var name: String
    /// Other ways the drama refers to them (`顾总`, `总裁`; `Mr. Gu`, `the CEO`).
    public var aliases: [String]
    public var role: CharacterRole
    /// Set only when face recognition was on.
    public var faceClusterID: String?
    /// Per episode in which the character appears.
    public var appearances: [CharacterAppearance]

    enum CodingKeys: String, CodingKey {
        case id, name, aliases, role
        case faceClusterID = "face_cluster_id"
        case appearances
    }

    public init(
        id: String,
        name: String,
        aliases: [String],
        role: CharacterRole,
        faceClusterID: String?,
        appearances: [CharacterAppearance]
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.role = role
        self.faceClusterID = faceClusterID
        self.appearances = appearances
    }
}

/// A character's presence in one episode.
public struct CharacterAppearance: Codable, Sendable, Equatable {
    public var episode: String
    public var sceneCount: Int
    public var lineCount: Int
    /// Start of the first scene they are in.
    public var firstSeen: Double
    /// End of the last scene they are in.
    public var lastSeen: Double

    enum CodingKeys: String, CodingKey {
        case episode
        case sceneCount = "scene_count"
        case lineCount = "line_count"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }

    public init(episode: String, sceneCount: Int, lineCount: Int, firstSeen: Double, lastSeen: Double) {
        self.episode = episode
        self.sceneCount = sceneCount
        self.lineCount = lineCount
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
