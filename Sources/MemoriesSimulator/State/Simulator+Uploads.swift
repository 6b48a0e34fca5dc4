import Foundation
import MemoriesClient

/// An asset created through the simulator's upload endpoints.
struct SimulatedUpload: Sendable {
    let assetID: String
    let accountKey: String
    var originalFilename: String
    /// For the signed-URL flow: the secret in the URL the bytes go to.
    let token: String?
    var file: URL?
    var byteCount: Int64 = 0
    var contentType: String?
    var durationSeconds: Double?
    /// Simulated time the bytes arrived; nil while `WAITING`.
    var receivedAt: Double?
    var failed = false
    let createdAtMilliseconds: Int64

    var fileExtension: String {
        guard let dot = originalFilename.lastIndex(of: ".") else { return "" }
        return originalFilename[originalFilename.index(after: dot)...].lowercased()
    }

    var kind: DemoAsset.Kind? {
        if MediaFormat.videoExtensions.contains(fileExtension) { return .video }
        if MediaFormat.audioExtensions.contains(fileExtension) { return .audio }
        if MediaFormat.imageExtensions.contains(fileExtension) { return .image }
        return nil
    }
}

extension Simulator {
    /// Simulated seconds an upload stays `UPLOADING` after its bytes arrive (invented).
    static let uploadProcessingSeconds = 3.0

    func uploadStatus(_ upload: SimulatedUpload) -> String {
        if upload.failed { return "FAILED" }
        guard let receivedAt = upload.receivedAt else { return "WAITING" }
        return now() - receivedAt < Self.uploadProcessingSeconds ? "UPLOADING" : "SUCCESS"
    }

    /// Demo assets and uploads alike, as the screenplay endpoints see them.
    func asset(id assetID: String) -> DemoAsset? {
        if let demo = DemoAssets.asset(id: assetID) { return demo }
        guard let upload = uploads[assetID] else { return nil }
        return DemoAsset(
            assetID: upload.assetID, durationSeconds: upload.durationSeconds ?? 60, kind: upload.kind ?? .video,
            uploadStatus: uploadStatus(upload), originalFilename: upload.originalFilename, languageHint: "zh-CN",
            fileSizeBytes: upload.byteCount, seriesKey: nil, episodeNumber: nil
        )
    }

    /// A new asset id: `re_` and 18 digits, a snowflake of the current time like upstream's.
    func newAssetID() -> (String, Int64) {
        while true {
            let milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
            let value = (UInt64(milliseconds - 1_609_459_200_000) << 22) | UInt64.random(in: 0..<(1 << 22))
            let id = "re_" + String(value)
            if id.count == 21, uploads[id] == nil, DemoAssets.asset(id: id) == nil { return (id, milliseconds) }
        }
    }

    /// `POST /upload/signed-url`: the asset exists, `WAITING`, before its bytes do.
    func createSignedUpload(apiKey: String, body: Data, baseURL: String) -> APIReply {
        struct Request: Decodable {
            let originalFilename: String?
            enum CodingKeys: String, CodingKey { case originalFilename = "original_filename" }
        }
        guard let request = try? JSONDecoder().decode(Request.self, from: body),
              let filename = request.originalFilename?.trimmingCharacters(in: .whitespaces), !filename.isEmpty
        else { return .error(400, "original_filename is required") }
        guard filename.contains("."), !filename.hasSuffix(".") else { return .error(400, "original_filename must include the file extension") }
        let (assetID, created) = newAssetID()
        let token = Self.randomHex(16) + Self.randomHex(16)
        uploads[assetID] = SimulatedUpload(
            assetID: assetID, accountKey: apiKey, originalFilename: filename, token: token, createdAtMilliseconds: created)
        let url = URL(string: "\(baseURL)/_simulator/signed-upload/\(token)") ?? URL(fileURLWithPath: "/")
        return .ok(SignedUpload(assetID: assetID, signedURL: url, expiresIn: 93_600))
    }

    /// The upload a signed URL's token belongs to, while it still waits for bytes.
    func signedUpload(token: String) -> SimulatedUpload? {
        uploads.values.first { $0.token == token && $0.receivedAt == nil && !$0.failed }
    }

    /// Records received bytes for a new direct upload (`assetID` nil) or a signed one.
    func completeUpload(
        assetID: String?, apiKey: String, file: URL, filename: String, contentType: String?, byteCount: Int64, durationSeconds: Double?
    ) -> APIReply {
        var upload: SimulatedUpload
        if let assetID {
            guard let existing = uploads[assetID] else { return .assetNotFound }
            upload = existing
        } else {
            let (id, created) = newAssetID()
            upload = SimulatedUpload(assetID: id, accountKey: apiKey, originalFilename: filename, token: nil, createdAtMilliseconds: created)
        }
        if upload.originalFilename.isEmpty { upload.originalFilename = filename }
        upload.file = file
        upload.byteCount = byteCount
        upload.contentType = contentType
        upload.durationSeconds = durationSeconds
        upload.receivedAt = now()
        // Upstream's FAILED means "retry the upload": an empty file or an unknown format.
        upload.failed = byteCount == 0 || upload.kind == nil
        uploads[upload.assetID] = upload
        return .ok(UploadedAsset(assetID: upload.assetID))
    }

    func uploadedFile(assetID: String) -> (url: URL, contentType: String, filename: String)? {
        guard let upload = uploads[assetID], let file = upload.file, !upload.failed else { return nil }
        let type = MediaFormat.videoContentType(forExtension: upload.fileExtension) ?? upload.contentType ?? "application/octet-stream"
        return (file, type, upload.originalFilename)
    }

    /// `DELETE /{asset_id}`: uploads only (the demo assets are fixtures); an unknown id is an error.
    func deleteAsset(apiKey: String, assetID: String) -> APIReply {
        guard let upload = uploads[assetID], upload.accountKey == apiKey else { return .assetNotFound }
        if let file = upload.file { try? FileManager.default.removeItem(at: file) }
        uploads[assetID] = nil
        return .okNull
    }

    func uploadMetadata(_ upload: SimulatedUpload) -> AssetResource {
        let time = String(upload.createdAtMilliseconds)
        return AssetResource(
            assetID: upload.assetID, fileExtension: upload.fileExtension, originalFilename: upload.originalFilename,
            fileSize: String(upload.byteCount), uploadStatus: uploadStatus(upload), createTime: time, modifyTime: time)
    }
}
