import MemoriesClient

/// The reference rules `ResultInvariants` leaves out, which ingest relies on to link rows:
/// scene numbers and line ids are unique, a line's shot lies in the scene it names, and every
/// character id is in the namelist.
enum EpisodeConsistency {
    static func problems(in storyboard: StoryboardFile, cast: Set<String>) -> [String] {
        var problems: [String] = []
        var sceneNumbers = Set<Int>()
        for scene in storyboard.scenes {
            if !sceneNumbers.insert(scene.number).inserted { problems.append("scene \(scene.number) appears twice") }
            for id in scene.characterIDs where !cast.contains(id) {
                problems.append("scene \(scene.number): character \(id) is not in namelist.json")
            }
            for shot in scene.shots {
                for id in shot.characterIDs where !cast.contains(id) {
                    problems.append("shot \(shot.number): character \(id) is not in namelist.json")
                }
            }
        }
        return problems
    }

    static func problems(in transcript: TranscriptFile, against storyboard: StoryboardFile, cast: Set<String>) -> [String] {
        var sceneOfShot: [Int: Int] = [:]
        for scene in storyboard.scenes {
            for shot in scene.shots { sceneOfShot[shot.number] = scene.number }
        }
        var problems: [String] = []
        var lineIDs = Set<String>()
        for line in transcript.lines {
            if !lineIDs.insert(line.id).inserted { problems.append("line \(line.id) appears twice") }
            if let scene = sceneOfShot[line.shotNumber], scene != line.sceneNumber {
                problems.append("line \(line.id): shot \(line.shotNumber) is in scene \(scene), not scene \(line.sceneNumber)")
            }
            if let speaker = line.speakerID, !cast.contains(speaker) {
                problems.append("line \(line.id): speaker \(speaker) is not in namelist.json")
            }
        }
        return problems
    }
}
