/// Version markers of the result files inside a task's zip.
///
/// Upstream documents no file contents, so every schema here is our own invention
/// (docs/storyboard-schema.md). Each file names its schema, so ingest can tell these
/// simulator files from whatever upstream really sends once a real zip is seen.
public enum ResultSchema {
    /// The only version so far.
    public static let current = "showrunner-sim/1"
}

/// How a file in the zip is named: `{n}_storyboard.json`, `{n}_transcript.json`,
/// `namelist.json`, `{n}.xlsx`, `merged.xlsx`, all at the root (our guess at upstream's `*`).
public enum ResultFileName {
    public static let namelist = "namelist.json"
    public static let mergedWorkbook = "merged.xlsx"

    public static func storyboard(episode: String) -> String { "\(episode)_storyboard.json" }
    public static func transcript(episode: String) -> String { "\(episode)_transcript.json" }
    public static func workbook(episode: String) -> String { "\(episode).xlsx" }
}
