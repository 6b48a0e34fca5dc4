/// What one ingest stored, handed to the caller's `finish` inside the transaction and returned.
public struct IngestSummary: Sendable, Equatable {
    /// One stored run.
    public struct Episode: Sendable, Equatable {
        /// The key as submitted and as the zip's file names use it (`"3"`).
        public let key: String
        public let number: Int
        /// The catalog episode (nil when it was deleted after the task was submitted).
        public let episodeId: Int64?
        public let runId: Int64
        public let sceneCount: Int
        public let shotCount: Int
        public let lineCount: Int
    }

    public let taskId: Int64
    /// In episode-number order; empty when the zip had no JSON (workbooks only).
    public let episodes: [Episode]
    public let characterCount: Int
    /// Workbook entries present in the zip (`1.xlsx`…, `merged.xlsx`), for the download links.
    public let workbooks: [String]
    /// Episodes of the task that the zip has no files for (only when it has JSON at all).
    public let missingEpisodeKeys: [String]
    /// Entries that are not part of the documented layout (`padding.bin`…), left unread.
    public let ignoredEntries: [String]

    /// False for a workbooks-only result: the task is ingested, but there is no storyboard to show.
    public var hasStoryboardData: Bool { !episodes.isEmpty }
    public var sceneCount: Int { episodes.reduce(0) { $0 + $1.sceneCount } }
    public var shotCount: Int { episodes.reduce(0) { $0 + $1.shotCount } }
    public var lineCount: Int { episodes.reduce(0) { $0 + $1.lineCount } }
}
