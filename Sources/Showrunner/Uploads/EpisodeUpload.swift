import Foundation
import GRDB

/// One file uploaded through Showrunner on its way to memories.ai (`episodeUpload`).
struct EpisodeUpload: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
    enum Status: String, Codable, Sendable, CaseIterable {
        case queued, sending, processing, done, failed

        /// Shown to people.
        var label: String {
            switch self {
            case .queued: "Waiting to send"
            case .sending: "Sending to memories.ai"
            case .processing: "Processing at memories.ai"
            case .done: "Done"
            case .failed: "Failed"
            }
        }

        var isFinished: Bool { self == .done || self == .failed }
    }

    enum Method: String, Codable, Sendable {
        /// `POST /upload`, the file in the request.
        case direct
        /// `POST /upload/signed-url`, then the bytes to that URL: for large files.
        case signed
    }

    var id: Int64
    var organizationId: Int64
    var dramaId: Int64
    var episodeNumber: Int
    var originalFilename: String
    var contentType: String
    /// The received file under the uploads folder; nil once it moved to the episode's video.
    var fileName: String?
    var byteCount: Int64
    var durationSeconds: Double?
    var status: Status
    var method: Method?
    var credentialKind: UpstreamAccount.Kind?
    var upstreamKeyId: Int64?
    var assetId: String?
    var sentBytes: Int64
    var attempts: Int
    var failure: String?
    var nextAttemptAt: Date?
    var processingSince: Date?
    var leaseOwner: String?
    var leaseExpiresAt: Date?
    var episodeId: Int64?
    var uploadedBy: Int64?
    var createdAt: Date
    var updatedAt: Date
    var finishedAt: Date?

    static let databaseTableName = "episodeUpload"

    /// A failed upload can be sent again while its file is kept.
    var canRetry: Bool { status == .failed && fileName != nil }
}

extension UpstreamAccount.Kind: Codable {}
