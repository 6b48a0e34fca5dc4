import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An episode's storyboard (scenes, shots, lines, characters) and its transcript, from the
/// current run or `?run_id=`. A run never changes after ingest, so its encoded storyboard is
/// cached and only the envelope (episode, review state) is written per request.
struct APIStoryboardController {
    let dependencies: AppDependencies

    func register(in handlers: inout APIHandlers) {
        handlers.add("getStoryboard", getStoryboard)
        handlers.add("getTranscript", getTranscript)
    }

    static func runId(_ request: Request) throws -> Int64? {
        guard let text = request.uri.queryParameters.get("run_id") else { return nil }
        guard let id = Int64(text), id > 0 else { throw APIError.invalid("run_id must be a positive id.", code: "invalid_parameter") }
        return id
    }

    /// The header and document, or 404 (no such episode here, no such run of it, or nothing ingested yet).
    func load(_ request: Request, context: APIContext) async throws -> (StoryboardHeader, StoryboardDocument) {
        let header = try await APIReviewController(dependencies: dependencies).header(context, runId: try Self.runId(request))
        guard let document = try await dependencies.storyboards.document(for: header, organizationId: context.organizationId) else {
            throw APIError(status: .notFound, code: "no_storyboard", message: "This episode has no ingested storyboard yet.")
        }
        return (header, document)
    }

    @Sendable func getStoryboard(_ request: Request, context: APIContext) async throws -> Response {
        let (header, document) = try await load(request, context: context)
        let storyboard = try dependencies.storyboards.apiJSON(for: document)
        let envelope = Envelope(
            episodeId: header.episodeId, episodeNumber: header.episodeNumber, dramaId: header.dramaId, projectId: header.projectId,
            runId: document.run.id, isCurrentRun: header.run?.isCurrent ?? false,
            reviewStatus: header.review?.status.rawValue ?? "not_reviewed", openComments: header.openComments
        )
        // {"data":{…envelope…,"storyboard":<cached bytes>}}
        var head = try APIJSON.encoder().encode(envelope)
        guard head.last == UInt8(ascii: "}") else { throw APIError(status: .internalServerError, code: "internal_error", message: "Encoding failed.") }
        head.removeLast()
        var buffer = ByteBuffer()
        buffer.reserveCapacity(storyboard.count + head.count + 32)
        buffer.writeString("{\"data\":")
        buffer.writeBytes(head)
        buffer.writeString(",\"storyboard\":")
        buffer.writeBytes(storyboard)
        buffer.writeString("}}")
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "private, no-cache", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }

    struct Envelope: Encodable {
        var episodeId: Int64
        var episodeNumber: Int
        var dramaId: Int64
        var projectId: Int64
        var runId: Int64
        var isCurrentRun: Bool
        var reviewStatus: String
        var openComments: Int
    }

    struct TranscriptLine: Encodable {
        var ordinal: Int
        var sceneNumber: Int
        var shotNumber: Int?
        var speaker: String?
        var speakerId: Int64?
        var kind: String
        var delivery: String?
        var text: String
        var start: Double
        var end: Double
        var startLabel: String
        var endLabel: String
    }

    struct Transcript: Encodable {
        var episodeId: Int64
        var episodeNumber: Int
        var runId: Int64
        var language: String
        var transcriptSource: String
        var lines: [TranscriptLine]
    }

    /// Every line in time order with the scene and shot it belongs to (for translators' tools).
    @Sendable func getTranscript(_ request: Request, context: APIContext) async throws -> Response {
        let (header, document) = try await load(request, context: context)
        var lines: [TranscriptLine] = []
        for scene in document.scenes {
            func add(_ line: StoryboardDocument.Line, shot: Int?) {
                lines.append(TranscriptLine(
                    ordinal: line.ordinal, sceneNumber: scene.number, shotNumber: shot, speaker: document.speakerName(line),
                    speakerId: line.speakerId, kind: line.kind.rawValue, delivery: line.delivery, text: line.text, start: line.start,
                    end: line.end, startLabel: Timecode.display(line.start), endLabel: Timecode.display(line.end)
                ))
            }
            for shot in scene.shots { for line in shot.lines { add(line, shot: shot.number) } }
            for line in scene.looseLines { add(line, shot: nil) }
        }
        lines.sort { ($0.start, $0.ordinal) < ($1.start, $1.ordinal) }
        return try APIJSON.response(APIItem(data: Transcript(
            episodeId: header.episodeId, episodeNumber: header.episodeNumber, runId: document.run.id, language: document.run.language,
            transcriptSource: document.run.transcriptSource, lines: lines
        )))
    }
}
