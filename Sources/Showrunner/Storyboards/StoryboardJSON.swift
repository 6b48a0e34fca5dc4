import Foundation

/// The scene viewer's data (`…/storyboard.json`): one run, nothing that changes after ingest,
/// so the encoded bytes are cached per run. Times are seconds; `…Label` fields are the
/// display timecodes, so the viewer never formats time differently from the page.
struct StoryboardJSON: Encodable, Sendable {
    struct Run: Encodable, Sendable {
        var id: Int64
        var taskId: Int64
        var episodeNumber: Int
        var language: String
        var transcriptSource: String
        var durationSeconds: Double
        var ingestedAt: Date
    }

    struct Character: Encodable, Sendable {
        var id: Int64
        var key: String
        var name: String
        var aliases: [String]
        var role: String
    }

    struct Line: Encodable, Sendable {
        var ordinal: Int
        var anchor: String
        var speakerId: Int64?
        /// Display name; nil for an unidentified speaker.
        var speaker: String?
        var kind: String
        var kindLabel: String
        var delivery: String?
        var text: String
        var start: Double
        var end: Double
        var startLabel: String
        var endLabel: String
    }

    struct Shot: Encodable, Sendable {
        var number: Int
        var anchor: String
        var size: String
        var angle: String
        var movement: String
        var framing: String
        var description: String
        var start: Double
        var end: Double
        var startLabel: String
        var endLabel: String
        var characterIds: [Int64]
        var lines: [Line]
    }

    struct Scene: Encodable, Sendable {
        var number: Int
        var anchor: String
        var heading: String
        var setting: String
        var location: String
        var timeOfDay: String
        var start: Double
        var end: Double
        var startLabel: String
        var endLabel: String
        var summary: String
        var characterIds: [Int64]
        var shots: [Shot]
        /// Lines of the scene that belong to no shot.
        var lines: [Line]
    }

    var schema = "showrunner-storyboard/1"
    var run: Run
    var characters: [Character]
    var scenes: [Scene]

    init(_ document: StoryboardDocument) {
        run = Run(
            id: document.run.id, taskId: document.run.taskId, episodeNumber: document.run.episodeNumber,
            language: document.run.language, transcriptSource: document.run.transcriptSource,
            durationSeconds: document.run.durationSeconds, ingestedAt: document.run.ingestedAt
        )
        characters = document.characters.values.sorted { $0.id < $1.id }.map {
            Character(id: $0.id, key: $0.key, name: $0.name, aliases: $0.aliases, role: $0.role)
        }
        func line(_ line: StoryboardDocument.Line) -> Line {
            Line(
                ordinal: line.ordinal, anchor: StoryboardAnchor.line(line.ordinal), speakerId: line.speakerId,
                speaker: document.speakerName(line), kind: line.kind.rawValue, kindLabel: line.kind.label,
                delivery: line.delivery, text: line.text, start: line.start, end: line.end,
                startLabel: Timecode.display(line.start), endLabel: Timecode.display(line.end)
            )
        }
        scenes = document.scenes.map { scene in
            Scene(
                number: scene.number, anchor: StoryboardAnchor.scene(scene.number), heading: scene.heading,
                setting: scene.setting, location: scene.location, timeOfDay: scene.timeOfDay,
                start: scene.start, end: scene.end, startLabel: Timecode.display(scene.start), endLabel: Timecode.display(scene.end),
                summary: scene.summary, characterIds: scene.characterIds,
                shots: scene.shots.map { shot in
                    Shot(
                        number: shot.number, anchor: StoryboardAnchor.shot(shot.number), size: shot.size, angle: shot.angle,
                        movement: shot.movement, framing: ShotVocabulary.framing(shot), description: shot.description,
                        start: shot.start, end: shot.end, startLabel: Timecode.display(shot.start), endLabel: Timecode.display(shot.end),
                        characterIds: shot.characterIds, lines: shot.lines.map(line)
                    )
                },
                lines: scene.looseLines.map(line)
            )
        }
    }

    static func encode(_ document: StoryboardDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(StoryboardJSON(document))
    }
}
