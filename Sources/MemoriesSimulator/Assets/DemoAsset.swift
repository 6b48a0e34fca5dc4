/// An asset the simulator knows: what `GET /{asset_id}/metadata` reports, plus the
/// duration upstream would measure (needed for validation and pricing, never sent).
public struct DemoAsset: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case video, audio, image
    }

    /// `re_` + 18 digits. Stable forever: seeded databases and tests depend on it.
    public let assetID: String
    public let durationSeconds: Double
    public let kind: Kind
    /// `WAITING`, `UPLOADING`, `SUCCESS` or `FAILED`.
    public let uploadStatus: String
    public let originalFilename: String
    /// The language spoken in the video (`zh-CN`, `en`).
    public let languageHint: String
    public let fileSizeBytes: Int64
    /// The drama the asset belongs to; episodes of one series share a cast.
    public let seriesKey: String?
    public let episodeNumber: Int?

    public init(
        assetID: String,
        durationSeconds: Double,
        kind: Kind,
        uploadStatus: String,
        originalFilename: String,
        languageHint: String,
        fileSizeBytes: Int64,
        seriesKey: String?,
        episodeNumber: Int?
    ) {
        self.assetID = assetID
        self.durationSeconds = durationSeconds
        self.kind = kind
        self.uploadStatus = uploadStatus
        self.originalFilename = originalFilename
        self.languageHint = languageHint
        self.fileSizeBytes = fileSizeBytes
        self.seriesKey = seriesKey
        self.episodeNumber = episodeNumber
    }

    /// The file extension from the original filename.
    public var fileExtension: String {
        guard let dot = originalFilename.lastIndex(of: ".") else { return "" }
        return String(originalFilename[originalFilename.index(after: dot)...])
    }
}

/// A demo drama: a title and its episodes' assets, in episode order.
public struct DemoSeries: Sendable, Equatable {
    public let key: String
    public let titleZH: String
    public let titleEN: String
    public let languageHint: String
    public let assets: [DemoAsset]
}
