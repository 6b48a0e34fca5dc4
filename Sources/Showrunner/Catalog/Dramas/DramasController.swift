import Foundation
import Hummingbird
import Logging

/// Dramas: create inside a project, show (with episodes), edit, archive/restore, delete, CSV export.
struct DramasController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies
    var projects: ProjectRepository { ProjectRepository(database: dependencies.database) }
    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }
    var episodes: EpisodeRepository { EpisodeRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.newDrama, use: new)
        group.post(SiteURL.OrgRoute.newDrama, use: create)
        group.get(SiteURL.OrgRoute.drama, use: show)
        group.get(SiteURL.OrgRoute.drama(.edit), use: edit)
        group.post(SiteURL.OrgRoute.drama(.edit), use: update)
        group.post(SiteURL.OrgRoute.drama(.archive)) { request, context in try await setArchived(true, request, context) }
        group.post(SiteURL.OrgRoute.drama(.restore)) { request, context in try await setArchived(false, request, context) }
        group.get(SiteURL.OrgRoute.drama(.delete), use: confirmDelete)
        group.post(SiteURL.OrgRoute.drama(.delete), use: delete)
        group.get(SiteURL.OrgRoute.exportEpisodes, use: export)
    }

    @Sendable func new(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let project = try await projects.require(from: context)
        return try editor(form: CatalogForms.drama(), context: context, project: project, drama: nil)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let project = try await projects.require(from: context)
        let (input, form) = CatalogForms.readDrama(try await FormFields.parse(request))
        if form.hasErrors {
            return try editor(form: form, context: context, project: project, drama: nil, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let drama = try await dramas.create(
            organizationId: context.organizationId, projectId: project.id, title: input.title, language: input.language, notes: input.notes
        )
        return dependencies.redirect(to: .drama(org: context.slug, id: drama.id), "Drama created. Add its episodes next.")
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderShow(request, context: context) }
    }

    func renderShow(_ request: Request, context: Context) async throws -> HTML {
        let dramaId = try context.parameters.require("drama", as: Int64.self)
        let query = ListQuery(request: request, sorts: EpisodeRepository.sorts, defaultSort: "number", pageSize: 50)
        let overview = try await dramas.overview(organizationId: context.organizationId, id: dramaId, episodeQuery: query)
        let found = (drama: overview.drama, project: overview.project)
        let totals = overview.totals
        let org = context.slug
        let canEdit = context.role.isAtLeast(.member)
        var warnings: [String] = []
        if totals.episodesOverLimit > 0 {
            let count = totals.episodesOverLimit
            warnings.append(
                "\(count) \(count == 1 ? "episode is" : "episodes are") 5 minutes or longer; memories.ai refuses those for screenplay extraction."
            )
        }
        if totals.episodesWithoutDuration > 0 {
            let count = totals.episodesWithoutDuration
            warnings.append("\(count) \(count == 1 ? "episode has" : "episodes have") no duration yet, so cost estimates will be incomplete.")
        }
        let page = DramaPage(
            chrome: PageChrome(title: found.drama.title, context: context, trail: CatalogTrail.drama(org, found.project, found.drama, current: true)),
            title: found.drama.title, language: found.drama.language, notes: found.drama.notes,
            stats: [
                Stat(value: String(totals.episodes), label: "Episodes"),
                Stat(value: EpisodeDuration.minutes(totals.seconds), label: "Running time"),
                Stat(value: String(totals.archivedEpisodes), label: "Archived episodes"),
                Stat(value: "\(overview.review.withStoryboard) of \(overview.review.episodes)", label: "With a storyboard"),
                Stat(value: String(overview.review.approved), label: "Approved"),
                Stat(value: String(overview.review.needsChanges), label: "Needs changes"),
                Stat(value: String(overview.review.notReviewed), label: "Not reviewed"),
            ],
            warnings: warnings,
            actions: actions(for: found.drama, context: context),
            episodes: overview.episodes.rows.map { episode in
                let id = episode.id
                let progress = overview.progress[id]
                let status = EpisodeProgressLabels(progress)
                return EpisodeRow(
                    number: episode.number, title: episode.title, assetId: episode.assetId,
                    duration: episode.durationSeconds.map(EpisodeDuration.format) ?? "—",
                    durationWarning: (episode.durationSeconds ?? 0) >= EpisodeDuration.upstreamLimit ? "5 minutes or longer" : nil,
                    updated: DisplayFormat.date(episode.updatedAt), isArchived: episode.archivedAt != nil,
                    editURL: SiteURL.episode(org: org, id: id, action: .edit).path,
                    canEdit: canEdit,
                    showURL: SiteURL.episode(org: org, id: id, action: .show).path,
                    storyboardURL: status.hasStoryboard ? SiteURL.storyboard(org: org, episodeId: id).path : nil,
                    extraction: status.extraction, extractionClass: status.extractionClass,
                    review: status.review, reviewClass: status.reviewClass, openComments: progress?.openComments ?? 0
                )
            },
            controls: ListControls(page: overview.episodes, path: SiteURL.drama(org: org, id: dramaId).path, sorts: EpisodeRepository.sorts),
            newEpisodeURL: SiteURL.newEpisode(org: org, dramaId: dramaId).path,
            importURL: SiteURL.importEpisodes(org: org, dramaId: dramaId).path,
            uploadURL: SiteURL.episodeUploads(org: org, dramaId: dramaId).path,
            exportURL: SiteURL.exportEpisodes(org: org, dramaId: dramaId).path,
            newTaskURL: SiteURL.newTask(org: org, dramaId: dramaId).path,
            tasksURL: SiteURL.tasks(org: org).path + "?drama=\(dramaId)",
            charactersURL: SiteURL.characters(org: org, dramaId: dramaId).path,
            reviewProgress: ReviewProgressBar(overview.review)
        )
        return try dependencies.renderer.render(page, template: "dramas/show")
    }

    func actions(for drama: Drama, context: Context) -> ItemActions {
        let (org, id) = (context.slug, drama.id)
        return ItemActions(
            url: { .drama(org: org, id: id, action: $0) }, isArchived: drama.archivedAt != nil,
            canEdit: context.role.isAtLeast(.member), canDelete: context.role.isAtLeast(.manager)
        )
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let form = CatalogForms.drama(title: found.drama.title, language: found.drama.language, notes: found.drama.notes)
        return try editor(form: form, context: context, project: found.project, drama: found.drama)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let (input, form) = CatalogForms.readDrama(try await FormFields.parse(request))
        if form.hasErrors {
            return try editor(form: form, context: context, project: found.project, drama: found.drama, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let id = found.drama.id
        try await dramas.update(organizationId: context.organizationId, id: id, title: input.title, language: input.language, notes: input.notes)
        return dependencies.redirect(to: .drama(org: context.slug, id: id), "Drama saved.")
    }

    func setArchived(_ archived: Bool, _ request: Request, _ context: Context) async throws -> Response {
        try context.require(.member)
        let dramaId = try context.parameters.require("drama", as: Int64.self)
        try await dramas.setArchived(archived, organizationId: context.organizationId, id: dramaId)
        let message = archived ? "Drama archived. It is hidden from lists until restored." : "Drama restored."
        return dependencies.redirect(to: .drama(org: context.slug, id: dramaId), message)
    }

    @Sendable func confirmDelete(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.manager)
        let found = try await dramas.require(from: context)
        let id = found.drama.id
        let count = try await dramas.episodeCount(organizationId: context.organizationId, dramaId: id)
        let page = ConfirmDeletePage(
            chrome: PageChrome(
                title: "Delete \(found.drama.title)", context: context,
                trail: CatalogTrail.drama(context.slug, found.project, found.drama) + [.init(label: "Delete")]
            ),
            kind: "drama", name: found.drama.title,
            consequences: try await CatalogTable.drama.deleteWarnings(id: id, organizationId: context.organizationId, in: dependencies.database) + [
                "\(count) \(count == 1 ? "episode" : "episodes"), archived ones included.",
                "This cannot be undone. Archiving hides the drama but keeps everything.",
            ],
            actionURL: SiteURL.drama(org: context.slug, id: id, action: .delete).path,
            cancelURL: SiteURL.drama(org: context.slug, id: id).path,
            archiveURL: found.drama.archivedAt == nil ? SiteURL.drama(org: context.slug, id: id, action: .archive).path : nil
        )
        return try dependencies.renderer.render(page, template: "catalog/confirm-delete")
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        try context.require(.manager)
        let found = try await dramas.require(from: context)
        try await dramas.delete(organizationId: context.organizationId, id: found.drama.id)
        context.logger.notice("drama deleted", metadata: ["organization": "\(context.organizationId)", "drama": "\(found.drama.id)"])
        return dependencies.redirect(to: .project(org: context.slug, id: found.project.id), "Drama \(found.drama.title) deleted.")
    }

    /// The episode list as CSV (UTF-8 with a BOM so Excel reads Chinese titles), in the format
    /// the import reads back.
    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let found = try await dramas.require(from: context)
        let includeArchived = request.uri.queryParameters.get("archived") == "1"
        let rows = try await episodes.all(organizationId: context.organizationId, dramaId: found.drama.id, includeArchived: includeArchived)
        var csv = "\u{FEFF}" + CSV.line(EpisodeCSV.header)
        for episode in rows { csv += CSV.line(EpisodeCSV.fields(of: episode)) }
        let filename = EpisodeCSV.filename(for: found.drama)
        await dependencies.audit(.exported, context, request, target: ("drama", String(found.drama.id)), "Exported the episode list of \(found.drama.title) (CSV, \(rows.count) episodes).")
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename.ascii)\"; filename*=UTF-8''\(filename.encoded)",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv))
        )
    }

    func editor(form: FormState, context: Context, project: Project, drama: Drama?, status: HTTPResponse.Status = .ok) throws -> HTML {
        let org = context.slug
        let page: EditorPage
        if let drama {
            let id = drama.id
            page = EditorPage(
                chrome: PageChrome(
                    title: "Edit \(drama.title)", context: context, trail: CatalogTrail.drama(org, project, drama) + [.init(label: "Edit")]
                ),
                heading: "Edit drama", form: form, actionURL: SiteURL.drama(org: org, id: id, action: .edit).path,
                submitLabel: "Save drama", cancelURL: SiteURL.drama(org: org, id: id).path
            )
        } else {
            let projectId = project.id
            page = EditorPage(
                chrome: PageChrome(title: "New drama", context: context, trail: CatalogTrail.project(org, project) + [.init(label: "New drama")]),
                heading: "New drama in \(project.name)", form: form, actionURL: SiteURL.newDrama(org: org, projectId: projectId).path,
                submitLabel: "Create drama", cancelURL: SiteURL.project(org: org, id: projectId).path
            )
        }
        return try dependencies.renderer.render(page, template: "catalog/form", status: status)
    }
}

/// The columns of the episode CSV, shared by export and import.
enum EpisodeCSV {
    static let header = ["number", "title", "asset_id", "duration_seconds", "notes", "archived"]

    static func fields(of episode: Episode) -> [String] {
        [
            String(episode.number), episode.title, episode.assetId, EpisodeDuration.editable(episode.durationSeconds), episode.notes,
            episode.archivedAt == nil ? "" : "yes",
        ]
    }

    static func filename(for drama: Drama) -> (ascii: String, encoded: String) {
        let base = "\(drama.title) episodes.csv"
        let ascii = String(base.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? Character($0) : "_" })
        // RFC 8187 attr-chars only; every other byte, including all non-ASCII, is percent-encoded.
        let attrChars = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
        let encoded = base.addingPercentEncoding(withAllowedCharacters: attrChars) ?? "episodes.csv"
        return (ascii, encoded)
    }
}
