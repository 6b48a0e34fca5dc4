import Mustache

/// The episode's transcript: every line in time order with its speaker, kind and scene.
struct TranscriptPage: PageViewModel {
    struct Row: MustacheParent, Sendable {
        var line: StoryboardScenesView.LineView
        var number: Int
        var sceneNumber: Int
        var sceneURL: String
        var shot: String

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "sceneNumber": sceneNumber
            case "sceneURL": sceneURL
            case "shot": shot
            default: line.child(named: name)
            }
        }
    }

    var chrome: PageChrome
    var header: StoryboardHeaderView
    var rows: [Row]
    var hasRun: Bool

    init(chrome: PageChrome, header: StoryboardHeaderView, document: StoryboardDocument?) {
        self.chrome = chrome
        self.header = header
        hasRun = document != nil
        let storyboardURL = header.storyboardURL
        rows = document.map { document in
            document.lines.map { line in
                Row(
                    line: .init(line, in: document), number: line.ordinal, sceneNumber: line.sceneNumber,
                    sceneURL: storyboardURL + "#" + StoryboardAnchor.line(line.ordinal), shot: line.shotNumber.map(String.init) ?? "—"
                )
            }
        } ?? []
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "header": header
        case "rows": rows
        case "hasRun": hasRun
        case "isEmpty": rows.isEmpty
        default: nil
        }
    }
}
