import Foundation
import Hummingbird
import NIOCore

/// The episode storyboard page, the viewer's JSON and the transcript page. Exports are in
/// `StoryboardExportsController`, review actions in `ReviewController`.
struct StoryboardsController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.storyboard, use: show)
        group.get(SiteURL.OrgRoute.storyboardJSON, use: json)
        group.get(SiteURL.OrgRoute.transcript, use: transcript)
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) {
            let page = try await StoryboardPageBuilder(dependencies: dependencies, context: context)
                .page(episodeId: try context.parameters.require("episode", as: Int64.self), runId: try Self.runId(request))
            return try dependencies.renderer.render(page, template: "storyboards/show")
        }
    }

    /// The run's storyboard for the scene viewer, cached per run and revalidated by ETag.
    @Sendable func json(_ request: Request, context: Context) async throws -> Response {
        let service = dependencies.storyboards
        let header = try await service.header(
            organizationId: context.organizationId, episodeId: try context.parameters.require("episode", as: Int64.self),
            runId: try Self.runId(request)
        )
        guard let document = try await service.document(for: header, organizationId: context.organizationId) else {
            throw DomainError.notFound
        }
        // Runs are immutable, so the run id is a strong validator for its JSON.
        let etag = "\"run-\(document.run.id)-v1\""
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "private, no-cache", .eTag: etag]
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        let data = try service.json(for: document)
        headers[.contentLength] = String(data.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func transcript(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderTranscript(request, context: context) }
    }

    func renderTranscript(_ request: Request, context: Context) async throws -> HTML {
        let service = dependencies.storyboards
        let runId = try Self.runId(request)
        let header = try await service.header(
            organizationId: context.organizationId, episodeId: try context.parameters.require("episode", as: Int64.self), runId: runId
        )
        let document = try await service.document(for: header, organizationId: context.organizationId)
        let headerView = StoryboardHeaderView(header, org: context.slug, explicitRun: runId != nil, canSubmit: context.role.isAtLeast(.member))
        let page = TranscriptPage(
            chrome: PageChrome(title: "Transcript · \(header.dramaTitle) · Episode \(header.episodeNumber)", context: context, trail: StoryboardPageBuilder.trail(header, org: context.slug, last: "Transcript")),
            header: headerView,
            rowsHTML: try document.map { try service.transcriptHTML(for: $0, storyboardURL: headerView.storyboardURL) },
            isEmpty: document?.lines.isEmpty ?? true
        )
        return try dependencies.renderer.render(page, template: "storyboards/transcript")
    }

    /// `?run=ID` selects a run other than the current one; anything but a number is a 404.
    static func runId(_ request: Request) throws -> Int64? {
        guard let text = request.uri.queryParameters.get("run") else { return nil }
        guard let id = Int64(text), id > 0 else { throw DomainError.notFound }
        return id
    }
}
