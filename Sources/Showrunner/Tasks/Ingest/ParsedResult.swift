import MemoriesClient

/// A result zip as plain, checked data, ready to be written: the namelist and, per episode
/// of the task found in the zip, its storyboard and transcript (by episode number).
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
    var episodes: [Episode] = []
    var workbooks: [String] = []
    /// Episodes of the task with no files in a zip that does have JSON.
    var missingEpisodeKeys: [String] = []
    var ignoredEntries: [String] = []
}
