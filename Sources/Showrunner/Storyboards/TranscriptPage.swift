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
    /// The rows (`storyboards/transcript-rows`), rendered once per run and storyboard URL.
    var rowsHTML: PrerenderedHTML?
    var isEmpty: Bool

    /// `rowsHTML` is nil when the episode has no run.
    init(chrome: PageChrome, header: StoryboardHeaderView, rowsHTML: PrerenderedHTML?, isEmpty: Bool) {
        self.chrome = chrome
        self.header = header
        self.rowsHTML = rowsHTML
        self.isEmpty = isEmpty
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "header": header
        case "rowsHTML": rowsHTML
        case "hasRun": rowsHTML != nil
        case "isEmpty": isEmpty
        default: nil
        }
    }
}

/// The transcript's rows: every line in time order, each linking to its place on the
/// storyboard page at `storyboardURL`.
struct TranscriptRowsView: MustacheParent, Sendable {
    var rows: [TranscriptPage.Row]

    init(_ document: StoryboardDocument, storyboardURL: String) {
        rows = document.lines.map { line in
            TranscriptPage.Row(
                line: .init(line, in: document), number: line.ordinal, sceneNumber: line.sceneNumber,
                sceneURL: storyboardURL + "#" + StoryboardAnchor.line(line.ordinal), shot: line.shotNumber.map(String.init) ?? "—"
            )
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        default: nil
        }
    }
}
