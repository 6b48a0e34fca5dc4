import Foundation

/// Builds the storyboard page, for the page itself and for review forms that show it again
/// with an error next to a field.
struct StoryboardPageBuilder {
    let dependencies: AppDependencies
    let context: OrganizationContext

    func page(
        episodeId: Int64, runId: Int64?, reasonDraft: String = "", reasonError: String? = nil,
        commentDraft: CommentsView.Draft = CommentsView.Draft()
    ) async throws -> StoryboardPage {
        let service = dependencies.storyboards
        let org = context.slug
        let (header, list) = try await service.headerAndComments(organizationId: context.organizationId, episodeId: episodeId, runId: runId)
        let document = try await service.document(for: header, organizationId: context.organizationId)
        var review: ReviewPanelView?
        var comments: CommentsView?
        if let document {
            review = ReviewPanelView(header: header, org: org, role: context.role, reasonDraft: reasonDraft, reasonError: reasonError)
            comments = CommentsView(
                comments: list, header: header, sceneNumbers: document.scenes.map(\.number), org: org, role: context.role, draft: commentDraft
            )
        }
        return StoryboardPage(
            chrome: PageChrome(
                title: "\(header.dramaTitle) · Episode \(header.episodeNumber)", context: context,
                trail: Self.trail(header, context: context, last: "Storyboard")
            ),
            header: StoryboardHeaderView(header, org: org, explicitRun: runId != nil, canSubmit: context.role.isAtLeast(.member)),
            jsonURL: SiteURL.storyboardJSON(org: org, episodeId: episodeId).path + (runId.map { "?run=\($0)" } ?? ""),
            scenesHTML: try document.map(service.scenesHTML(for:)),
            review: review, comments: comments,
            player: document == nil ? nil : PlayerView(header: header, org: org)
        )
    }

    static func trail(_ header: StoryboardHeader, context: OrganizationContext, last: String) -> [PageChrome.Crumb] {
        let org = context.slug
        return [
            CatalogTrail.projects(org),
            .init(label: header.projectTitle, url: SiteURL.project(org: org, id: header.projectId).path),
            .init(label: header.dramaTitle, url: SiteURL.drama(org: org, id: header.dramaId).path),
            .init(label: "Episode \(header.episodeNumber)", url: SiteURL.episode(org: org, id: header.episodeId, action: .show).path),
            .init(label: last, url: nil),
        ]
    }
}
