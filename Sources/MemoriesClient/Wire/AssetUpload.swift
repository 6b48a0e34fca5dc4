import Foundation

/// `data` of `POST /upload`: the new asset's id.
public struct UploadedAsset: Codable, Sendable, Equatable {
    public var assetID: String

    enum CodingKeys: String, CodingKey {
        case assetID = "asset_id"
    }

    public init(assetID: String) {
        self.assetID = assetID
    }
}

/// `data` of `POST /upload/signed-url`: the asset id (it exists before its bytes do), where
/// to POST the bytes (multipart, field `file`, no Authorization), and for how long.
public struct SignedUpload: Codable, Sendable, Equatable {
    public var assetID: String
    public var signedURL: URL
    /// Seconds; the documented example is 93,600 (26 hours).
    public var expiresIn: Int?

    enum CodingKeys: String, CodingKey {
        case assetID = "asset_id"
        case signedURL = "signed_url"
        case expiresIn = "expires_in"
    }

    public init(assetID: String, signedURL: URL, expiresIn: Int?) {
        self.assetID = assetID
        self.signedURL = signedURL
        self.expiresIn = expiresIn
    }
}

/// The request body of `POST /upload/signed-url`.
struct SignedUploadRequest: Encodable {
    let originalFilename: String

    enum CodingKeys: String, CodingKey {
        case originalFilename = "original_filename"
    }
}

/// What upstream accepts at upload (documented formats). Screenplay submit rejects audio and
/// images, so Showrunner only sends video.
public enum MediaFormat {
    public static let videoExtensions: Set<String> = ["mp4", "mov", "avi", "webm", "mkv", "flv", "wmv", "mpeg", "mpg"]
    public static let audioExtensions: Set<String> = ["mp3", "wav", "aac", "flac", "ogg", "m4a"]
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "bmp", "tif", "tiff"]

    /// The MIME type a video of this extension is sent with.
    public static func videoContentType(forExtension fileExtension: String) -> String? {
        switch fileExtension.lowercased() {
        case "mp4": "video/mp4"
        case "mov": "video/quicktime"
        case "avi": "video/x-msvideo"
        case "webm": "video/webm"
        case "mkv": "video/x-matroska"
        case "flv": "video/x-flv"
        case "wmv": "video/x-ms-wmv"
        case "mpeg", "mpg": "video/mpeg"
        default: nil
        }
    }
}
