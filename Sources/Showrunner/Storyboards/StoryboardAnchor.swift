/// Fragment ids shared by the page, the viewer and search links. They use numbers the run
/// assigns (scene number, episode-wide shot number, transcript position), never upstream
/// text, so they are always valid ids and stable for a run.
enum StoryboardAnchor {
    static func scene(_ number: Int) -> String { "scene-\(number)" }
    static func shot(_ number: Int) -> String { "shot-\(number)" }
    static func line(_ ordinal: Int) -> String { "line-\(ordinal)" }
}
