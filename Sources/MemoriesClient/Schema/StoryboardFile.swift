/// `{n}_storyboard.json`: one episode broken into scenes and shots.
///
/// Times are float seconds from the start of the episode. Invariants (checked by
/// `ResultInvariants`): start < end everywhere; scenes in order and not overlapping; shots
/// inside their scene, in order and not overlapping; everything within `durationSeconds`.
public struct StoryboardFile: Codable, Sendable, Equatable {
    public var schema: String
    public var taskID: String
    /// The episode key as submitted (`"1"`).
    public var episode: String
    public var assetID: String
    /// The language the content is written in (`zh-CN`, `en`).
    public var language: String
    public var durationSeconds: Double
    public var scenes: [StoryboardScene]

    enum CodingKeys: String, CodingKey {
        case schema
        case taskID = "task_id"
        case episode
        case assetID = "asset_id"
        case language
        case durationSeconds = "duration_seconds"
        case scenes
    }

    public init(
        schema: String = ResultSchema.current,
        taskID: String,
        episode: String,
        assetID: String,
        language: String,
        durationSeconds: Double,
        scenes: [StoryboardScene]
    ) {
        self.schema = schema
        self.taskID = taskID
        self.episode = episode
        self.assetID = assetID
        self.language = language
        self.durationSeconds = durationSeconds
        self.scenes = scenes
    }

    /// All shots of the episode, in order.
    public var shots: [StoryboardShot] { scenes.flatMap(\.shots) }
}

/// One continuous place and time.
public struct StoryboardScene: Codable, Sendable, Equatable {
    /// 1-based, in order within the episode.
    public var number: Int
    public var heading: SceneHeading
    public var start: Double
    public var end: Double
    /// One or two sentences: what happens.
    public var summary: String
    /// Ids from the namelist of everyone seen or heard in the scene.
    public var characterIDs: [String]
    public var shots: [StoryboardShot]

    enum CodingKeys: String, CodingKey {
        case number, heading, start, end, summary
        case characterIDs = "character_ids"
        case shots
    }

    public init(
        number: Int,
        heading: SceneHeading,
        start: Double,
        end: Double,
        summary: String,
        characterIDs: [String],
        shots: [StoryboardShot]
    ) {
        self.number = number
        self.heading = heading
        self.start = start
        self.end = end
        self.summary = summary
        self.characterIDs = characterIDs
        self.shots = shots
    }
}

/// A scene's slug line, in parts and printed.
public struct SceneHeading: Codable, Sendable, Equatable {
    public var setting: SceneSetting
    /// In the episode's language; capitals for Latin scripts (`CEO OFFICE`, `总裁办公室`).
    public var location: String
    public var timeOfDay: TimeOfDay
    /// The printed slug line: `INT. HOSPITAL CORRIDOR - NIGHT` (`内景 医院走廊 - 夜` in Chinese).
    public var text: String

    enum CodingKeys: String, CodingKey {
        case setting, location
        case timeOfDay = "time_of_day"
        case text
    }

    public init(setting: SceneSetting, location: String, timeOfDay: TimeOfDay, text: String) {
        self.setting = setting
        self.location = location
        self.timeOfDay = timeOfDay
        self.text = text
    }
}

/// One camera take between two cuts.
public struct StoryboardShot: Codable, Sendable, Equatable {
    /// 1-based, running through the whole episode (not restarting per scene).
    public var number: Int
    public var size: ShotSize
    public var angle: CameraAngle
    public var movement: CameraMovement
    /// One sentence: what the camera sees.
    public var description: String
    public var start: Double
    public var end: Double
    /// Characters visible in the shot.
    public var characterIDs: [String]
    /// Transcript lines spoken during the shot (`TranscriptLine.id`).
    public var lineIDs: [String]

    enum CodingKeys: String, CodingKey {
        case number, size, angle, movement, description, start, end
        case characterIDs = "character_ids"
        case lineIDs = "line_ids"
    }

    public init(
        number: Int,
        size: ShotSize,
        angle: CameraAngle,
        movement: CameraMovement,
        description: String,
        start: Double,
        end: Double,
        characterIDs: [String],
        lineIDs: [String]
    ) {
        self.number = number
        self.size = size
        self.angle = angle
        self.movement = movement
        self.description = description
        self.start = start
        self.end = end
        self.characterIDs = characterIDs
        self.lineIDs = lineIDs
    }

    public var duration: Double { end - start }
}
