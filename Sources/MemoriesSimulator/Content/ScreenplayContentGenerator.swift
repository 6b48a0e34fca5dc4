import MemoriesClient

/// The result files of one task, before packaging.
public struct GeneratedResults: Sendable {
    public let storyboards: [StoryboardFile]
    public let transcripts: [TranscriptFile]
    public let namelist: NamelistFile

    /// Benchmarks and tests assemble results from edited generator output.
    public init(storyboards: [StoryboardFile], transcripts: [TranscriptFile], namelist: NamelistFile) {
        self.storyboards = storyboards
        self.transcripts = transcripts
        self.namelist = namelist
    }
}

/// Generates a task's storyboards, transcripts and namelist, deterministically.
///
/// The cast comes from the drama of the task's first episode (its demo series, or the asset
/// id itself for assets outside a series), so every episode of a task shares one namelist;
/// each episode's content comes from its own asset id.
public enum ScreenplayContentGenerator {
    /// - Parameters:
    ///   - episodes: episode key → (asset id, duration in seconds), as submitted.
    ///   - language: the task's `config.language`; `zh*` gives Chinese, anything else English.
    public static func generate(
        taskID: String,
        episodes: [(key: String, assetID: String, durationSeconds: Double)],
        language: String?,
        faceRecognition: Bool,
        useSubtitle: Bool
    ) -> GeneratedResults {
        let contentLanguage = ContentLanguage(requested: language)
        let first = episodes.first
        let dramaSeed = first.flatMap { DemoAssets.asset(id: $0.assetID)?.seriesKey } ?? first?.assetID ?? taskID
        let cast = DramaCast.make(seedText: dramaSeed)
        let contents = episodes.map { episode in
            EpisodeGenerator(
                cast: cast, language: contentLanguage, taskID: taskID, episode: episode.key, assetID: episode.assetID,
                durationSeconds: episode.durationSeconds, useSubtitle: useSubtitle, faceRecognition: faceRecognition
            ).generate()
        }
        let namelist = makeNamelist(
            taskID: taskID, cast: cast, language: contentLanguage, faceRecognition: faceRecognition, contents: contents
        )
        return GeneratedResults(storyboards: contents.map(\.storyboard), transcripts: contents.map(\.transcript), namelist: namelist)
    }

    static func makeNamelist(
        taskID: String,
        cast: DramaCast,
        language: ContentLanguage,
        faceRecognition: Bool,
        contents: [EpisodeContent]
    ) -> NamelistFile {
        let characters = cast.members.compactMap { member -> NamelistCharacter? in
            let appearances = contents.compactMap { content -> CharacterAppearance? in
                // In a scene, in one of its shots, or speaking in it: every id the files use is listed.
                let speaking = Set(content.transcript.lines.filter { $0.speakerID == member.id }.map(\.sceneNumber))
                let scenes = content.storyboard.scenes.filter { scene in
                    scene.characterIDs.contains(member.id) || scene.shots.contains { $0.characterIDs.contains(member.id) }
                        || speaking.contains(scene.number)
                }
                guard let firstScene = scenes.first, let lastScene = scenes.last else { return nil }
                let lines = content.transcript.lines.filter { $0.speakerID == member.id }.count
                return CharacterAppearance(
                    episode: content.storyboard.episode, sceneCount: scenes.count, lineCount: lines,
                    firstSeen: firstScene.start, lastSeen: lastScene.end
                )
            }
            guard !appearances.isEmpty else { return nil }
            var rng = SplitMix64(seedText: "face:\(cast.seedText):\(member.id)")
            let cluster = "face_" + String(rng.next() & 0xFFFF_FFFF, radix: 16)
            return NamelistCharacter(
                id: member.id, name: member.name.text(language), aliases: member.aliases.map { $0.text(language) },
                role: member.role, faceClusterID: faceRecognition ? cluster : nil, appearances: appearances
            )
        }
        return NamelistFile(taskID: taskID, language: language.rawValue, faceRecognition: faceRecognition, characters: characters)
    }
}
