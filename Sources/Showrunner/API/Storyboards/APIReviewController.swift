import Foundation
import Hummingbird
import Logging

/// Review status and comments of an episode's storyboard, as on the storyboard page:
/// managers decide, members comment, everyone reads.
struct APIReviewController {
    let dependencies: AppDependencies

    var reviews: ReviewRepository { ReviewRepository(database: dependencies.database) }
    var comments: CommentRepository { CommentRepository(database: dependencies.database) }

    func register(in handlers: inout APIHandlers) {
        handlers.add("getReview", getReview)
        handlers.add("setReview", setReview)
        handlers.add("listComments", listComments)
        handlers.add("addComment", addComment)
    }

    struct Run: Encodable {
        var id: Int64
        var taskId: Int64
        var ingestedAt: Date
        var sceneCount: Int
        var shotCount: Int
        var lineCount: Int
        var isCurrent: Bool
        var reviewStatus: String
    }

    struct HistoryEntry: Encodable {
        var action: String
        var reason: String
        var taskId: Int64?
        var by: String
        var at: Date
    }

    struct Review: Encodable {
        var episodeId: Int64
        var currentRunId: Int64?
        var status: String?
        var reason: String?
        var decidedBy: String?
        var decidedAt: Date?
        var runs: [Run]
        var history: [HistoryEntry]
    }

    /// The episode's storyboard header (its current run, or `runId`); 404 for another organisation's.
    func header(_ context: APIContext, runId: Int64? = nil) async throws -> StoryboardHeader {
        do {
            return try await dependencies.storyboards.header(organizationId: context.organizationId, episodeId: try context.id("episode_id"), runId: runId)
        } catch DomainError.notFound {
            throw APIError.notFound("episode or run")
        }
    }

    @Sendable func getReview(_ request: Request, context: APIContext) async throws -> Response {
        let header = try await header(context)
        let runs = try await reviews.runs(organizationId: context.organizationId, episodeId: header.episodeId)
        let history = try await reviews.history(organizationId: context.organizationId, episodeId: header.episodeId)
        let review = Review(
            episodeId: header.episodeId, currentRunId: header.run?.id,
            status: header.run == nil ? nil : header.review?.status.rawValue ?? "not_reviewed", reason: header.review?.reason,
            decidedBy: header.review?.decidedBy, decidedAt: header.review?.decidedAt,
            runs: runs.map {
                Run(
                    id: $0.id, taskId: $0.taskId, ingestedAt: $0.ingestedAt, sceneCount: $0.sceneCount, shotCount: $0.shotCount,
                    lineCount: $0.lineCount, isCurrent: $0.isCurrent, reviewStatus: $0.review?.rawValue ?? "not_reviewed"
                )
            },
            history: history.map { HistoryEntry(action: $0.action, reason: $0.reason, taskId: $0.taskId, by: $0.who, at: $0.at) }
        )
        return try APIJSON.response(APIItem(data: review))
    }

    struct DecisionBody: Decodable {
        /// `approved`, `needs_changes` or `not_reviewed`.
        var status: String
        var reason: String?
        /// Default: the episode's current run.
        var runId: Int64?
    }

    @Sendable func setReview(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.manager)
        let body = try await APIJSON.decode(DecisionBody.self, from: request, context: context)
        let decision: ReviewRepository.Decision
        switch body.status {
        case "approved": decision = .approve
        case "needs_changes": decision = .requestChanges(reason: body.reason ?? "")
        case "not_reviewed": decision = .reopen
        default: throw APIError.invalid("status must be approved, needs_changes or not_reviewed.")
        }
        if let runId = body.runId, runId <= 0 { throw APIError.invalid("run_id must be a positive id.") }
        let header = try await header(context, runId: body.runId)
        guard let run = header.run else {
            throw APIError(status: .notFound, code: "no_storyboard", message: "This episode has no ingested storyboard to review.")
        }
        do {
            try await reviews.decide(decision, organizationId: context.organizationId, episodeId: header.episodeId, runId: run.id, userId: context.userId)
        } catch DomainError.invalid(let message) {
            throw APIError.invalid(message)
        } catch DomainError.conflict(let message) {
            throw APIError.conflict(message)
        } catch DomainError.notFound {
            throw APIError.notFound("run")
        }
        context.logger.notice("storyboard review", metadata: ["episode": "\(header.episodeId)", "run": "\(run.id)", "decision": "\(body.status)"])
        await dependencies.audit(.reviewDecided, context, request, target: ("episode", String(header.episodeId)), "Run \(run.id): \(body.status).")
        return try await getReview(request, context: context)
    }

    struct Comment: Encodable {
        var id: Int64
        var sceneNumber: Int
        var shotNumber: Int?
        var lineOrdinal: Int?
        var atSeconds: Double?
        var body: String
        var author: String
        var createdAt: Date
        var resolved: Bool
        var resolvedAt: Date?
        var resolvedBy: String?

        init(_ comment: CommentRepository.Comment) {
            id = comment.id
            sceneNumber = comment.sceneNumber
            shotNumber = comment.shotNumber
            lineOrdinal = comment.lineOrdinal
            atSeconds = comment.atSeconds
            body = comment.body
            author = comment.author
            createdAt = comment.createdAt
            resolved = comment.resolvedAt != nil
            resolvedAt = comment.resolvedAt
            resolvedBy = comment.resolvedBy
        }
    }

    @Sendable func listComments(_ request: Request, context: APIContext) async throws -> Response {
        let header = try await header(context, runId: try APIStoryboardController.runId(request))
        guard let run = header.run else { return try APIJSON.response(APIList<Comment>(data: [], nextCursor: nil)) }
        let list = try await comments.comments(organizationId: context.organizationId, runId: run.id)
        return try APIJSON.response(APIList(data: list.map(Comment.init), nextCursor: nil))
    }

    struct NewComment: Decodable {
        var body: String
        var sceneNumber: Int
        var shotNumber: Int?
        var lineOrdinal: Int?
        var atSeconds: Double?
        var runId: Int64?
    }

    @Sendable func addComment(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.member)
        let body = try await APIJSON.decode(NewComment.self, from: request, context: context)
        if let runId = body.runId, runId <= 0 { throw APIError.invalid("run_id must be a positive id.") }
        if let at = body.atSeconds, !(at.isFinite && at >= 0) { throw APIError.invalid("at_seconds must be a time in seconds.") }
        let header = try await header(context, runId: body.runId)
        guard let run = header.run else {
            throw APIError(status: .notFound, code: "no_storyboard", message: "This episode has no ingested storyboard to comment on.")
        }
        let id: Int64
        do {
            id = try await comments.add(
                body.body, at: .init(sceneNumber: body.sceneNumber, shotNumber: body.shotNumber, lineOrdinal: body.lineOrdinal, atSeconds: body.atSeconds),
                organizationId: context.organizationId, episodeId: header.episodeId, runId: run.id, userId: context.userId
            )
        } catch let invalid as CommentRepository.InvalidComment {
            let field = ["scene": "scene_number", "shot": "shot_number", "line": "line_ordinal", "at": "at_seconds"][invalid.field] ?? invalid.field
            throw APIError.invalid("\(field): \(invalid.message)")
        } catch DomainError.notFound {
            throw APIError.notFound("run")
        }
        let list = try await comments.comments(organizationId: context.organizationId, runId: run.id)
        guard let created = list.first(where: { $0.id == id }) else { throw APIError.notFound("comment") }
        return try APIJSON.response(APIItem(data: Comment(created)), status: .created)
    }
}
