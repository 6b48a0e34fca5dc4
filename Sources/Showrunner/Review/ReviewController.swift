import Foundation
import Hummingbird
import Logging

/// Review actions on an episode's storyboard: decisions (managers and up), the current run
/// (managers and up), and comments (members and up). Every form names the run it was shown,
/// so a decision never lands on a run the reviewer did not see.
struct ReviewController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var reviews: ReviewRepository { ReviewRepository(database: dependencies.database) }
    var comments: CommentRepository { CommentRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.post(SiteURL.OrgRoute.episodeReview, use: decide)
        group.post(SiteURL.OrgRoute.episodeCurrentRun, use: chooseRun)
        group.post(SiteURL.OrgRoute.episodeComments, use: addComment)
        group.post(SiteURL.OrgRoute.comment(.resolve)) { request, context in try await setResolved(true, request, context) }
        group.post(SiteURL.OrgRoute.comment(.reopen)) { request, context in try await setResolved(false, request, context) }
    }

    @Sendable func decide(_ request: Request, context: Context) async throws -> Response {
        try context.require(.manager)
        let episodeId = try context.parameters.require("episode", as: Int64.self)
        let form = try await FormFields.parse(request)
        let runId = try Self.runId(form)
        let reason = form["reason"] ?? ""
        let decision: ReviewRepository.Decision
        switch form["decision"] {
        case "approve": decision = .approve
        case "changes": decision = .requestChanges(reason: reason)
        case "reopen": decision = .reopen
        default: throw HTTPError(.badRequest, message: "Choose approve, needs changes or back to not reviewed.")
        }
        do {
            try await reviews.decide(decision, organizationId: context.organizationId, episodeId: episodeId, runId: runId, userId: context.userId)
        } catch DomainError.invalid(let message) {
            let page = try await StoryboardPageBuilder(dependencies: dependencies, context: context)
                .page(episodeId: episodeId, runId: runId, reasonDraft: reason, reasonError: message)
            return try dependencies.renderer.render(page, template: "storyboards/show", status: .unprocessableContent)
                .response(from: request, context: context)
        }
        context.logger.notice("storyboard review", metadata: ["episode": "\(episodeId)", "run": "\(runId)", "decision": "\(form["decision"] ?? "")"])
        let message = switch decision {
        case .approve: "Storyboard approved."
        case .requestChanges: "Marked as needing changes."
        case .reopen: "Back to not reviewed."
        }
        await dependencies.audit(.reviewDecided, context, request, target: ("episode", String(episodeId)), "Run \(runId): \(message)")
        return redirect(episodeId: episodeId, runId: runId, context: context, message, fragment: "review")
    }

    @Sendable func chooseRun(_ request: Request, context: Context) async throws -> Response {
        try context.require(.manager)
        let episodeId = try context.parameters.require("episode", as: Int64.self)
        let runId = try Self.runId(try await FormFields.parse(request))
        try await reviews.chooseRun(organizationId: context.organizationId, episodeId: episodeId, runId: runId, userId: context.userId)
        return dependencies.redirect(to: .storyboard(org: context.slug, episodeId: episodeId), "This run is now the episode's current storyboard.")
    }

    @Sendable func addComment(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let episodeId = try context.parameters.require("episode", as: Int64.self)
        let form = try await FormFields.parse(request)
        let runId = try Self.runId(form)
        var draft = CommentsView.Draft(
            scene: form["scene"] ?? "", shot: form["shot"] ?? "", line: form["line"] ?? "", at: form["at"] ?? "", body: form["body"] ?? ""
        )
        func number(_ text: String, field: String, label: String) -> Int? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard let value = Int(trimmed), value > 0 else { draft.errors[field] = "\(label) is a number like 3."; return nil }
            return value
        }
        let scene = number(draft.scene, field: "scene", label: "Scene")
        if scene == nil, draft.errors["scene"] == nil { draft.errors["scene"] = "Choose a scene." }
        let shot = number(draft.shot, field: "shot", label: "Shot")
        let line = number(draft.line, field: "line", label: "Line")
        var at: Double?
        if !draft.at.trimmingCharacters(in: .whitespaces).isEmpty {
            at = Timecode.parse(draft.at)
            if at == nil { draft.errors["at"] = "Give a time like 00:01:23.400 or 83.4." }
        }
        if draft.errors.isEmpty, let scene {
            do {
                let id = try await comments.add(
                    draft.body, at: .init(sceneNumber: scene, shotNumber: shot, lineOrdinal: line, atSeconds: at),
                    organizationId: context.organizationId, episodeId: episodeId, runId: runId, userId: context.userId
                )
                return redirect(episodeId: episodeId, runId: runId, context: context, "Comment added.", fragment: "comment-\(id)")
            } catch let invalid as CommentRepository.InvalidComment {
                draft.errors[invalid.field] = invalid.message
            }
        }
        let page = try await StoryboardPageBuilder(dependencies: dependencies, context: context)
            .page(episodeId: episodeId, runId: runId, commentDraft: draft)
        return try dependencies.renderer.render(page, template: "storyboards/show", status: .unprocessableContent)
            .response(from: request, context: context)
    }

    func setResolved(_ resolved: Bool, _ request: Request, _ context: Context) async throws -> Response {
        try context.require(.member)
        let episodeId = try context.parameters.require("episode", as: Int64.self)
        let commentId = try context.parameters.require("comment", as: Int64.self)
        let form = try await FormFields.parse(request)
        try await comments.setResolved(resolved, commentId: commentId, organizationId: context.organizationId, episodeId: episodeId, userId: context.userId)
        let runId = form["run"].flatMap { Int64($0) }
        return redirect(episodeId: episodeId, runId: runId, context: context, resolved ? "Comment resolved." : "Comment reopened.", fragment: "comment-\(commentId)")
    }

    /// Every review form carries the run it was shown for.
    static func runId(_ form: FormFields) throws -> Int64 {
        guard let text = form["run"], let id = Int64(text), id > 0 else {
            throw HTTPError(.badRequest, message: "The form did not say which storyboard run it was for. Reload the page and try again.")
        }
        return id
    }

    /// Back to the run the person was looking at (the current one needs no `?run=`).
    private func redirect(episodeId: Int64, runId: Int64?, context: Context, _ message: String, fragment: String) -> Response {
        var response = dependencies.redirect(to: .storyboard(org: context.slug, episodeId: episodeId), message)
        let path = SiteURL.storyboard(org: context.slug, episodeId: episodeId).path
        let query = runId.map { "?run=\($0)" } ?? ""
        response.headers[.location] = path + query + "#" + fragment
        return response
    }
}
