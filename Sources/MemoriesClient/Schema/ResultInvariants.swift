/// Checks the timing invariants of the result files; ingest and tests both use it.
/// Returns human-readable violations (empty when the files are consistent).
public enum ResultInvariants {
    public static func violations(in storyboard: StoryboardFile) -> [String] {
        var problems: [String] = []
        let duration = storyboard.durationSeconds
        var previousSceneEnd = 0.0
        var previousShotNumber = 0
        for scene in storyboard.scenes {
            let label = "scene \(scene.number)"
            if !(scene.start < scene.end) { problems.append("\(label): start \(scene.start) is not before end \(scene.end)") }
            if scene.start < previousSceneEnd { problems.append("\(label): starts before the previous scene ends") }
            if scene.start < 0 || scene.end > duration { problems.append("\(label): outside the episode (0…\(duration))") }
            previousSceneEnd = scene.end
            var previousShotEnd = scene.start
            for shot in scene.shots {
                let shotLabel = "\(label) shot \(shot.number)"
                if !(shot.start < shot.end) { problems.append("\(shotLabel): start is not before end") }
                if shot.start < previousShotEnd { problems.append("\(shotLabel): overlaps the previous shot") }
                if shot.start < scene.start || shot.end > scene.end { problems.append("\(shotLabel): outside its scene") }
                if shot.number != previousShotNumber + 1 { problems.append("\(shotLabel): numbering gap") }
                previousShotNumber = shot.number
                previousShotEnd = shot.end
            }
        }
        return problems
    }

    public static func violations(in transcript: TranscriptFile, against storyboard: StoryboardFile) -> [String] {
        var problems: [String] = []
        let shots = Dictionary(storyboard.shots.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var previousStart = 0.0
        for line in transcript.lines {
            if !(line.start < line.end) { problems.append("line \(line.id): start is not before end") }
            if line.start < previousStart { problems.append("line \(line.id): out of order") }
            if line.start < 0 || line.end > transcript.durationSeconds { problems.append("line \(line.id): outside the episode") }
            if let shot = shots[line.shotNumber] {
                if line.start < shot.start || line.start >= shot.end { problems.append("line \(line.id): does not start in shot \(line.shotNumber)") }
            } else {
                problems.append("line \(line.id): unknown shot \(line.shotNumber)")
            }
            previousStart = line.start
        }
        return problems
    }
}
