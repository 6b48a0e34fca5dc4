import MemoriesClient

/// Who says a line in a beat template.
enum Speaker: Sendable {
    case part(DramaCast.Part)
    /// An extra by index into `Names.extras`.
    case extra(Int)
    /// Nobody identifiable (a voice in a crowd, a caption).
    case nobody
}

/// One line of a beat: who, what kind, the words, and an optional delivery note.
struct LineTemplate: Sendable {
    let speaker: Speaker
    let kind: LineKind
    let text: Bilingual
    let delivery: Bilingual?

    init(_ speaker: Speaker, _ zh: String, _ en: String, kind: LineKind = .dialogue, delivery: Bilingual? = nil) {
        self.speaker = speaker
        self.kind = kind
        self.text = Bilingual(zh, en)
        self.delivery = delivery
    }
}

/// A dramatic unit a scene is built from: where it can happen, who is in it, what is
/// said and what the camera sees. Text uses placeholders filled from the cast
/// (`{H}` heroine, `{C}` CEO, `{Ct}` the CEO's title…; see `Placeholders`).
struct SceneBeat: Sendable {
    let key: String
    let locations: [String]
    let parts: [DramaCast.Part]
    let extras: [Int]
    let summary: Bilingual
    let lines: [LineTemplate]
    /// Descriptions of character shots (reactions, actions).
    let actions: [Bilingual]
    /// Descriptions of insert shots (details).
    let inserts: [Bilingual]
}
