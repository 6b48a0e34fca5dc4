import Foundation

/// One episode's storyboard run as plain data, in reading order: scenes → shots → the lines
/// that start in each shot. Pages, the viewer's JSON and every export read this; none of them
/// touch the database. All text is untrusted upstream output.
public struct StoryboardDocument: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var id: Int64
        public var taskId: Int64
        public var episodeId: Int64?
        public var episodeNumber: Int
        public var assetId: String
        public var language: String
        public var transcriptSource: String
        public var durationSeconds: Double
        public var ingestedAt: Date
    }

    public struct Character: Sendable, Equatable, Identifiable {
        public var id: Int64
        /// The namelist id (`C01`, `X03`).
        public var key: String
        public var name: String
        public var aliases: [String]
        /// `lead`, `supporting` or `extra`.
        public var role: String
    }

    public enum LineKind: String, Sendable, Equatable, CaseIterable {
        case dialogue
        case voiceOver = "voice_over"
        case offScreen = "off_screen"
        case narration
        case onScreenText = "on_screen_text"
    }

    public struct Line: Sendable, Equatable, Identifiable {
        public var id: Int64
        /// 1-based position in the episode's transcript.
        public var ordinal: Int
        /// The upstream's line id (`e1-l0001`): the stable anchor.
        public var key: String
        public var sceneNumber: Int
        public var shotNumber: Int?
        /// The namelist id as written (nil: unidentified speaker).
        public var speakerKey: String?
        public var speakerId: Int64?
        public var kind: LineKind
        public var delivery: String?
        public var text: String
        public var start: Double
        public var end: Double
    }

    public struct Shot: Sendable, Equatable, Identifiable {
        public var id: Int64
        /// Runs through the whole episode (1…N).
        public var number: Int
        public var size: String
        public var angle: String
        public var movement: String
        public var description: String
        public var start: Double
        public var end: Double
        /// Who is visible, in cast order.
        public var characterIds: [Int64]
        /// Lines that start in this shot, in transcript order.
        public var lines: [Line]
    }

    public struct Scene: Sendable, Equatable, Identifiable {
        public var id: Int64
        public var number: Int
        /// `INT.`, `EXT.`, `INT./EXT.`
        public var setting: String
        public var location: String
        /// `DAY`, `NIGHT`, … (the English code).
        public var timeOfDay: String
        /// The printed slug line, in the episode's language.
        public var heading: String
        public var start: Double
        public var end: Double
        public var summary: String
        public var characterIds: [Int64]
        public var shots: [Shot]
        /// Lines of the scene attached to no shot.
        public var looseLines: [Line]
    }

    public var run: Run
    public var projectTitle: String
    public var dramaId: Int64?
    public var dramaTitle: String
    public var episodeTitle: String
    /// The task's cast, by id.
    public var characters: [Int64: Character]
    public var scenes: [Scene]

    /// Every line in transcript order.
    public var lines: [Line] {
        scenes.flatMap { scene in scene.looseLines + scene.shots.flatMap(\.lines) }.sorted { $0.ordinal < $1.ordinal }
    }

    /// Display name of a line's speaker; nil for an unidentified one.
    public func speakerName(_ line: Line) -> String? {
        line.speakerId.flatMap { characters[$0]?.name } ?? line.speakerKey
    }

    public func names(_ ids: [Int64]) -> [String] {
        ids.compactMap { characters[$0]?.name }
    }
}
