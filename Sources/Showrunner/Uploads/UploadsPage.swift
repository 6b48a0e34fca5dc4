import Foundation
import MemoriesClient
import Mustache

/// "Upload episodes" on a drama: the file picker with its editable preview (built in the
/// browser), and the drama's uploads with their progress.
struct UploadsPage: PageViewModel {
    var chrome: PageChrome
    var dramaTitle: String
    var canUpload: Bool
    var uploadURL: String
    var statusURL: String
    var dramaURL: String
    var maxBytes: Int64
    /// `{"3": "Title", …}` of the drama's episodes, for "replaces the video of episode 3".
    var episodesJSON: String
    var uploads: [UploadRow]

    static var acceptedLabel: String { MediaFormat.videoExtensions.sorted().map { $0.uppercased() }.joined(separator: ", ") }
    static var acceptAttribute: String { MediaFormat.videoExtensions.sorted().map { "." + $0 }.joined(separator: ",") }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "dramaTitle": dramaTitle
        case "canUpload": canUpload
        case "uploadURL": uploadURL
        case "statusURL": statusURL
        case "dramaURL": dramaURL
        case "maxBytes": String(maxBytes)
        case "maxSize": DisplayFormat.bytes(maxBytes)
        case "acceptedLabel": Self.acceptedLabel
        case "acceptAttribute": Self.acceptAttribute
        case "episodesJSON": episodesJSON
        case "uploads": uploads
        case "hasUploads": !uploads.isEmpty
        case "isLive": uploads.contains { !$0.isFinished }
        default: nil
        }
    }
}

/// One upload in the list (and, encoded, in the page's polling).
struct UploadRow: MustacheParent, Sendable, Encodable {
    var id: Int64
    var episodeNumber: Int
    var filename: String
    var size: String
    var status: String
    var statusLabel: String
    var progressPercent: Int
    var detail: String
    var isFinished: Bool
    var canRetry: Bool
    var canDismiss: Bool
    var retryURL: String
    var dismissURL: String
    var episodeURL: String?
    var uploaded: String

    init(_ upload: EpisodeUpload, org: String) {
        id = upload.id
        episodeNumber = upload.episodeNumber
        filename = upload.originalFilename
        size = DisplayFormat.bytes(upload.byteCount)
        status = upload.status.rawValue
        statusLabel = upload.status.label
        switch upload.status {
        case .queued: progressPercent = 0
        case .sending: progressPercent = upload.byteCount > 0 ? Int(min(99, upload.sentBytes * 100 / upload.byteCount)) : 0
        case .processing, .done: progressPercent = 100
        case .failed: progressPercent = 0
        }
        var parts: [String] = []
        if let failure = upload.failure { parts.append(failure) }
        if upload.status == .done, let assetId = upload.assetId {
            parts.append("Asset \(assetId)" + (upload.durationSeconds.map { ", \(EpisodeDuration.format($0))" } ?? ", duration unknown"))
        } else if upload.status == .sending {
            parts.append("\(DisplayFormat.bytes(upload.sentBytes)) of \(DisplayFormat.bytes(upload.byteCount)) sent")
        }
        detail = parts.joined(separator: " · ")
        isFinished = upload.status.isFinished
        canRetry = upload.canRetry
        canDismiss = upload.status.isFinished
        retryURL = SiteURL.episodeUpload(org: org, dramaId: upload.dramaId, uploadId: upload.id, .retry).path
        dismissURL = SiteURL.episodeUpload(org: org, dramaId: upload.dramaId, uploadId: upload.id, .dismiss).path
        episodeURL = upload.episodeId.map { SiteURL.episode(org: org, id: $0, action: .edit).path }
        uploaded = DisplayFormat.dateTime(upload.createdAt)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "episodeNumber": episodeNumber
        case "filename": filename
        case "size": size
        case "status": status
        case "statusLabel": statusLabel
        case "progressPercent": progressPercent
        case "detail": detail
        case "isFinished": isFinished
        case "canRetry": canRetry
        case "canDismiss": canDismiss
        case "retryURL": retryURL
        case "dismissURL": dismissURL
        case "episodeURL": episodeURL
        case "uploaded": uploaded
        default: nil
        }
    }
}
