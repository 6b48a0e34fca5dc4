import MemoriesClient

/// A result zip as plain, checked data, ready to be written: the namelist and what else the
/// zip holds; `ResultParser.next()` delivers, per episode of the task found in the zip, its
/// storyboard and transcript (by episode number).
struct ParsedResult: Sendable {
    struct Episode: Sendable {
        let key: String
        let number: Int
        /// The catalog episode, nil when it was deleted after the task was submitted.
        let episodeId: Int64?
        let storyboard: StoryboardFile
        let transcript: TranscriptFile
    }

    /// Nil for a zip without JSON (only workbooks were requested).
    var namelist: NamelistFile?
    var workbooks: [String] = []
    /// Episodes of the task with no files in a zip that does have JSON.
    var missingEpisodeKeys: [String] = []
    var ignoredEntries: [String] = []
}

extension ParsedResult.Episode {
    /// The run's search entries straight from the parsed files, in the order
    /// `SearchIndexer.reindexEpisode` reads them back from the stored rows: headings,
    /// summaries, shots, lines.
    var searchEntries: [SearchIndexer.Entry] {
        let scenes = storyboard.scenes
        var entries: [SearchIndexer.Entry] = []
        entries.reserveCapacity(scenes.count * 2 + transcript.lines.count + scenes.reduce(0) { $0 + $1.shots.count })
        for scene in scenes {
            entries.append(.init(kind: .heading, sceneNumber: scene.number, shotNumber: nil, lineOrdinal: nil, text: scene.heading.text))
        }
        for scene in scenes {
            entries.append(.init(kind: .summary, sceneNumber: scene.number, shotNumber: nil, lineOrdinal: nil, text: scene.summary))
        }
        for scene in scenes {
            for shot in scene.shots {
                entries.append(.init(kind: .shot, sceneNumber: scene.number, shotNumber: shot.number, lineOrdinal: nil, text: shot.description))
            }
        }
        for (index, line) in transcript.lines.enumerated() {
            entries.append(
                .init(kind: .line, sceneNumber: line.sceneNumber, shotNumber: line.shotNumber, lineOrdinal: index + 1, text: line.text)
            )
        }
        return entries
    }
}
