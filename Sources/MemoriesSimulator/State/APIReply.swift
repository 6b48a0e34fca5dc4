import Foundation
import MemoriesClient

/// A JSON answer in upstream's envelope, with HTTP status == `code`.
struct APIReply: Sendable {
    let status: Int
    let body: Data

    static func ok(_ payload: some Encodable & Sendable) -> APIReply {
        APIReply(status: 200, body: encode(Envelope.ok(payload)))
    }

    /// Success with `data: null` (delete).
    static var okNull: APIReply {
        APIReply(status: 200, body: Data(#"{"code":200,"data":null,"failed":false,"msg":"success","success":true}"#.utf8))
    }

    static func error(_ status: Int, _ message: String) -> APIReply {
        APIReply(status: status, body: encode(Envelope<IgnoredPayload>.error(code: status, msg: message)))
    }

    /// An error that also carries details in `data` (invented: the per-asset reasons).
    static func error(_ status: Int, _ message: String, data: some Encodable & Sendable) -> APIReply {
        let envelope = Envelope(code: EnvelopeCode(status), msg: message, data: data, success: false, failed: true)
        return APIReply(status: status, body: encode(envelope))
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own wire types cannot fail; an empty body would surface as malformed.
        return (try? encoder.encode(value)) ?? Data()
    }

    // Messages fixed by the docs (verbatim).
    static let unauthorized = error(401, "Unauthorized")
    static let invalidParameters = error(400, "Invalid request parameters")
    static let needsWebhook = error(400, "An async request requires at least one webhook.")
    static let limitExceeded = error(400, ResponseClassifier.limitExceededMessage)
    static let rateLimited = error(429, "Rate limit exceeded")
    static let assetNotFound = error(400, "Asset not found")
    static let downloadBalance = error(402, "Insufficient balance to download the resource. Please recharge and try again.")
    static let noFiles = error(400, "No downloadable files found for this task.")

    static func taskNotFound(_ id: String) -> APIReply {
        // Invented: the status code (404); the text is documented for download.
        error(404, "Task not found for id: \(id)")
    }

    static func notCompleted(_ state: TaskState) -> APIReply {
        error(400, "Task is not completed yet, current status: \(state.rawValue)")
    }
}

/// Why one episode of a submit was refused (invented shape of upstream's "specific reasons").
struct InvalidAsset: Codable, Sendable {
    let episode: String
    let assetID: String
    let reason: String

    enum CodingKeys: String, CodingKey {
        case episode
        case assetID = "asset_id"
        case reason
    }
}
