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
        let (header, comments) = try await service.headerAndComments(organizationId: context.organizationId, episodeId: episodeId, runId: runId)
        let document = try await service.document(for: header, organizationId: context.organizationId)
        return Self.assemble(
            header: header, document: document, scenesHTML: try document.map(service.scenesHTML(for:)), comments: comments,
            chrome: PageChrome(
                title: "\(header.dramaTitle) · Episode \(header.episodeNumber)", context: context,
                trail: Self.trail(header, org: context.slug, last: "Storyboard")
            ),
            org: context.slug, role: context.role, explicitRun: runId, reasonDraft: reasonDraft, reasonError: reasonError,
            commentDraft: commentDraft
        )
    }

    /// The page from what was read (the storyboard benchmark's profile builds it the same way).
    static func assemble(
        header: StoryboardHeader, document: StoryboardDocument?, scenesHTML: PrerenderedHTML?, comments: [CommentRepository.Comment],
        chrome: PageChrome, org: String, role: Role, explicitRun runId: Int64?, reasonDraft: String = "", reasonError: String? = nil,
        commentDraft: CommentsView.Draft = CommentsView.Draft()
    ) -> StoryboardPage {
        var review: ReviewPanelView?
        var commentsView: CommentsView?
        var player: PlayerView?
        if let document {
            let run = document.run.id
            review = ReviewPanelView(header: header, runId: run, org: org, role: role, reasonDraft: reasonDraft, reasonError: reasonError)
            commentsView = CommentsView(
                comments: comments, header: header, runId: run, sceneNumbers: document.scenes.map(\.number), org: org, role: role,
                draft: commentDraft
            )
            player = PlayerView(header: header, org: org)
        }
        return StoryboardPage(
            chrome: chrome,
            header: StoryboardHeaderView(header, org: org, explicitRun: runId != nil, canSubmit: role.isAtLeast(.member)),
            jsonURL: SiteURL.storyboardJSON(org: org, episodeId: header.episodeId).path + (runId.map { "?run=\($0)" } ?? ""),
            scenesHTML: scenesHTML,
            review: review, comments: commentsView, player: player
        )
    }

    static func trail(_ header: StoryboardHeader, org: String, last: String) -> [PageChrome.Crumb] {
        [
            CatalogTrail.projects(org),
            .init(label: header.projectTitle, url: SiteURL.project(org: org, id: header.projectId).path),
            .init(label: header.dramaTitle, url: SiteURL.drama(org: org, id: header.dramaId).path),
            .init(label: "Episode \(header.episodeNumber)", url: SiteURL.episode(org: org, id: header.episodeId, action: .show).path),
            .init(label: last, url: nil),
        ]
    }
}
