import Foundation
import Hummingbird

/// Episodes: add to a drama, edit, archive/restore, delete.
struct EpisodesController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies
    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }
    var episodes: EpisodeRepository { EpisodeRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.episode, use: show)
        group.get(SiteURL.OrgRoute.newEpisode, use: new)
        group.post(SiteURL.OrgRoute.newEpisode, use: create)
        group.get(SiteURL.OrgRoute.episode(.edit), use: edit)
        group.post(SiteURL.OrgRoute.episode(.edit), use: update)
        group.post(SiteURL.OrgRoute.episode(.archive)) { request, context in try await setArchived(true, request, context) }
        group.post(SiteURL.OrgRoute.episode(.restore)) { request, context in try await setArchived(false, request, context) }
        group.get(SiteURL.OrgRoute.episode(.delete), use: confirmDelete)
        group.post(SiteURL.OrgRoute.episode(.delete), use: delete)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        let found = try await episodes.require(from: context)
        let reviews = ReviewRepository(database: dependencies.database)
        let runs = try await reviews.runs(organizationId: context.organizationId, episodeId: found.episode.id)
        let history = try await reviews.history(organizationId: context.organizationId, episodeId: found.episode.id)
        let trail = CatalogTrail.episode(context.slug, found)
        let page = EpisodePage(
            chrome: PageChrome(title: "Episode \(found.episode.number) · \(found.drama.title)", context: context, trail: trail),
            found: found, runs: runs, history: history, org: context.slug, role: context.role
        )
        return try dependencies.renderer.render(page, template: "episodes/show")
    }

    @Sendable func new(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let next = try await dramas.episodeCount(organizationId: context.organizationId, dramaId: found.drama.id) + 1
        return try editor(form: CatalogForms.episode(number: String(next)), context: context, drama: found, episode: nil)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        var (draft, form) = CatalogForms.readEpisode(try await FormFields.parse(request))
        if let draft {
            do {
                _ = try await episodes.create(organizationId: context.organizationId, dramaId: found.drama.id, draft: draft)
                return dependencies.redirect(to: .drama(org: context.slug, id: found.drama.id), "Episode \(draft.number) added.")
            } catch let conflict as EpisodeConflict {
                form.setError(conflict.message, on: conflict.field)
            }
        }
        return try editor(form: form, context: context, drama: found, episode: nil, status: .unprocessableContent)
            .response(from: request, context: context)
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await episodes.require(from: context)
        let episode = found.episode
        let form = CatalogForms.episode(
            number: String(episode.number), title: episode.title, assetId: episode.assetId,
            duration: EpisodeDuration.editable(episode.durationSeconds), notes: episode.notes
        )
        return try editor(form: form, context: context, drama: .init(drama: found.drama, project: found.project), episode: episode)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await episodes.require(from: context)
        var (draft, form) = CatalogForms.readEpisode(try await FormFields.parse(request))
        if let draft {
            do {
                try await episodes.update(organizationId: context.organizationId, id: found.episode.id, dramaId: found.drama.id, draft: draft)
                return dependencies.redirect(to: .drama(org: context.slug, id: found.drama.id), "Episode \(draft.number) saved.")
            } catch let conflict as EpisodeConflict {
                form.setError(conflict.message, on: conflict.field)
            }
        }
        return try editor(
            form: form, context: context, drama: .init(drama: found.drama, project: found.project), episode: found.episode,
            status: .unprocessableContent
        ).response(from: request, context: context)
    }

    func setArchived(_ archived: Bool, _ request: Request, _ context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await episodes.require(from: context)
        try await episodes.setArchived(archived, organizationId: context.organizationId, id: found.episode.id)
        let number = found.episode.number
        let message = archived ? "Episode \(number) archived. Show archived episodes to restore it." : "Episode \(number) restored."
        return dependencies.redirect(to: .drama(org: context.slug, id: found.drama.id), message)
    }

    @Sendable func confirmDelete(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await episodes.require(from: context)
        let id = found.episode.id
        let name = "Episode \(found.episode.number)" + (found.episode.title.isEmpty ? "" : ": \(found.episode.title)")
        let page = ConfirmDeletePage(
            chrome: PageChrome(title: "Delete \(name)", context: context, trail: CatalogTrail.episode(context.slug, found) + [.init(label: "Delete")]),
            kind: "episode", name: name,
            consequences: [
                "The episode record (\(found.episode.assetId)). The video stays in memories.ai.",
                "This cannot be undone. Archiving hides the episode but keeps it.",
            ],
            actionURL: SiteURL.episode(org: context.slug, id: id, action: .delete).path,
            cancelURL: SiteURL.drama(org: context.slug, id: found.drama.id).path,
            archiveURL: found.episode.archivedAt == nil ? SiteURL.episode(org: context.slug, id: id, action: .archive).path : nil
        )
        return try dependencies.renderer.render(page, template: "catalog/confirm-delete")
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await episodes.require(from: context)
        try await episodes.delete(organizationId: context.organizationId, id: found.episode.id)
        return dependencies.redirect(to: .drama(org: context.slug, id: found.drama.id), "Episode \(found.episode.number) deleted.")
    }

    func editor(
        form: FormState, context: Context, drama found: DramaRepository.WithProject, episode: Episode?, status: HTTPResponse.Status = .ok
    ) throws -> HTML {
        let org = context.slug
        let dramaId = found.drama.id
        let trail = CatalogTrail.drama(org, found.project, found.drama)
        let page: EditorPage
        if let episode {
            let id = episode.id
            page = EditorPage(
                chrome: PageChrome(title: "Edit episode \(episode.number)", context: context, trail: trail + [.init(label: "Episode \(episode.number)")]),
                heading: "Edit episode \(episode.number)", form: form, actionURL: SiteURL.episode(org: org, id: id, action: .edit).path,
                submitLabel: "Save episode", cancelURL: SiteURL.drama(org: org, id: dramaId).path,
                actions: ItemActions(
                    url: { .episode(org: org, id: id, action: $0) }, isArchived: episode.archivedAt != nil,
                    canEdit: context.role.isAtLeast(.member), canDelete: context.role.isAtLeast(.member)
                )
            )
        } else {
            page = EditorPage(
                chrome: PageChrome(title: "New episode", context: context, trail: trail + [.init(label: "New episode")]),
                heading: "New episode of \(found.drama.title)", form: form, actionURL: SiteURL.newEpisode(org: org, dramaId: dramaId).path,
                submitLabel: "Add episode", cancelURL: SiteURL.drama(org: org, id: dramaId).path
            )
        }
        return try dependencies.renderer.render(page, template: "catalog/form", status: status)
    }
}
