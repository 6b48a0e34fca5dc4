/// `data` of `GET /{asset_id}/metadata`: `{total, resource: [...]}`.
public struct AssetMetadata: Codable, Sendable, Equatable {
    public var total: Int
    public var resource: [AssetResource]

    public init(total: Int, resource: [AssetResource]) {
        self.total = total
        self.resource = resource
    }

    /// The single resource a lookup by id returns.
    public var first: AssetResource? { resource.first }
}

/// One stored asset. Sizes and times arrive as strings upstream; typed accessors parse them.
/// No duration is documented here, so the 5-minute limit can only be checked at submit.
public struct AssetResource: Codable, Sendable, Equatable {
    public var assetID: String
    public var fileExtension: String?
    public var originalFilename: String?
    /// Bytes, as a string upstream.
    public var fileSize: String?
    /// `WAITING`, `UPLOADING`, `SUCCESS` or `FAILED`.
    public var uploadStatus: String?
    /// Unix milliseconds, as a string upstream.
    public var createTime: String?
    /// Unix milliseconds, as a string upstream.
    public var modifyTime: String?

    enum CodingKeys: String, CodingKey {
        case assetID = "asset_id"
        case fileExtension = "extension"
        case originalFilename = "original_filename"
        case fileSize = "file_size"
        case uploadStatus = "upload_status"
        case createTime = "create_time"
        case modifyTime = "modify_time"
    }

    public init(
        assetID: String,
        fileExtension: String?,
        originalFilename: String?,
        fileSize: String?,
        uploadStatus: String?,
        createTime: String?,
        modifyTime: String?
    ) {
        self.assetID = assetID
        self.fileExtension = fileExtension
        self.originalFilename = originalFilename
        self.fileSize = fileSize
        self.uploadStatus = uploadStatus
        self.createTime = createTime
        self.modifyTime = modifyTime
    }

    public var fileSizeBytes: Int64? { fileSize.flatMap { Int64($0) } }

    /// Only `SUCCESS` assets may be used by other APIs.
    public var isReady: Bool { uploadStatus == "SUCCESS" }
}
