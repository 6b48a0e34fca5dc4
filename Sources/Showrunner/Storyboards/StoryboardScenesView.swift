import Mustache

/// The scene list of the storyboard page (`storyboards/scenes` fragment): every scene with its
/// shots and the lines that start in each. Rendered once per run and cached.
struct StoryboardScenesView: MustacheParent, Sendable {
    struct LineView: MustacheParent, Sendable {
        var anchor: String
        var speaker: String
        var isUnknownSpeaker: Bool
        var delivery: String?
        var kind: String
        var kindLabel: String
        var showsKind: Bool
        var text: String
        var start: String
        var end: String
        var startSeconds: String

        init(_ line: StoryboardDocument.Line, in document: StoryboardDocument) {
            anchor = StoryboardAnchor.line(line.ordinal)
            let name = document.speakerName(line)
            speaker = name ?? "Unknown speaker"
            isUnknownSpeaker = name == nil
            delivery = line.delivery.flatMap { $0.isEmpty ? nil : $0 }
            kind = line.kind.rawValue
            kindLabel = line.kind.label
            showsKind = line.kind != .dialogue
            text = line.text
            start = Timecode.display(line.start)
            end = Timecode.display(line.end)
            startSeconds = Timecode.fragmentValue(line.start)
        }

        func child(named name: String) -> Any? {
            switch name {
            case "anchor": anchor
            case "speaker": speaker
            case "isUnknownSpeaker": isUnknownSpeaker
            case "delivery": delivery
            case "kind": kind
            case "kindLabel": kindLabel
            case "showsKind": showsKind
            case "text": text
            case "start": start
            case "end": end
            case "startSeconds": startSeconds
            default: nil
            }
        }
    }

    struct ShotView: MustacheParent, Sendable {
        var anchor: String
        var number: Int
        var size: String
        var sizeLabel: String
        var angle: String
        var movement: String
        var description: String
        var start: String
        var end: String
        var startSeconds: String
        var visible: String
        var lines: [LineView]

        func child(named name: String) -> Any? {
            switch name {
            case "anchor": anchor
            case "number": number
            case "size": size
            case "sizeLabel": sizeLabel
            case "angle": angle
            case "movement": movement
            case "description": description
            case "start": start
            case "end": end
            case "startSeconds": startSeconds
            case "visible": visible.isEmpty ? nil : visible
            case "hasLines": !lines.isEmpty
            case "lines": lines
            default: nil
            }
        }
    }

    struct SceneView: MustacheParent, Sendable {
        var anchor: String
        var number: Int
        var heading: String
        var location: String
        var setting: String
        var timeOfDay: String
        var start: String
        var end: String
        var startSeconds: String
        var characters: String
        var summary: String
        var shots: [ShotView]
        var looseLines: [LineView]

        func child(named name: String) -> Any? {
            switch name {
            case "anchor": anchor
            case "number": number
            case "heading": heading
            case "location": location
            case "setting": setting
            case "timeOfDay": timeOfDay
            case "start": start
            case "end": end
            case "startSeconds": startSeconds
            case "characters": characters.isEmpty ? nil : characters
            case "summary": summary
            case "shots": shots
            case "looseLines": looseLines
            case "hasLooseLines": !looseLines.isEmpty
            default: nil
            }
        }
    }

    var scenes: [SceneView]

    init(_ document: StoryboardDocument) {
        scenes = document.scenes.map { scene in
            SceneView(
                anchor: StoryboardAnchor.scene(scene.number), number: scene.number, heading: scene.heading,
                location: scene.location, setting: scene.setting, timeOfDay: scene.timeOfDay,
                start: Timecode.display(scene.start), end: Timecode.display(scene.end),
                startSeconds: Timecode.fragmentValue(scene.start),
                characters: document.names(scene.characterIds).joined(separator: ", "), summary: scene.summary,
                shots: scene.shots.map { shot in
                    ShotView(
                        anchor: StoryboardAnchor.shot(shot.number), number: shot.number, size: shot.size,
                        sizeLabel: ShotVocabulary.size(shot.size), angle: ShotVocabulary.angle(shot.angle),
                        movement: ShotVocabulary.movement(shot.movement), description: shot.description,
                        start: Timecode.display(shot.start), end: Timecode.display(shot.end),
                        startSeconds: Timecode.fragmentValue(shot.start),
                        visible: document.names(shot.characterIds).joined(separator: ", "),
                        lines: shot.lines.map { LineView($0, in: document) }
                    )
                },
                looseLines: scene.looseLines.map { LineView($0, in: document) }
            )
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "scenes": scenes
        case "isEmpty": scenes.isEmpty
        default: nil
        }
    }
}
