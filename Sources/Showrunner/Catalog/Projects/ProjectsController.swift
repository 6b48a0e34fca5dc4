import Foundation
import Hummingbird
import Logging

/// Projects: list, create, show (with its dramas), edit, archive/restore, delete.
struct ProjectsController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies
    var projects: ProjectRepository { ProjectRepository(database: dependencies.database) }
    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.projects, use: index)
        group.post(SiteURL.OrgRoute.projectBudget, use: setBudget)
        group.get(SiteURL.OrgRoute.newProject, use: new)
        group.post(SiteURL.OrgRoute.newProject, use: create)
        group.get(SiteURL.OrgRoute.project, use: show)
        group.get(SiteURL.OrgRoute.project(.edit), use: edit)
        group.post(SiteURL.OrgRoute.project(.edit), use: update)
        group.post(SiteURL.OrgRoute.project(.archive)) { request, context in try await setArchived(true, request, context) }
        group.post(SiteURL.OrgRoute.project(.restore)) { request, context in try await setArchived(false, request, context) }
        group.get(SiteURL.OrgRoute.project(.delete), use: confirmDelete)
        group.post(SiteURL.OrgRoute.project(.delete), use: delete)
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func index(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderIndex(request, context: context) }
    }

    func renderIndex(_ request: Request, context: Context) async throws -> HTML {
        let query = ListQuery(request: request, sorts: ProjectRepository.sorts, defaultSort: "updated", defaultDescending: true)
        let list = try await projects.list(organizationId: context.organizationId, query: query)
        let path = SiteURL.projects(org: context.slug).path
        let page = ProjectListPage(
            chrome: PageChrome(title: "Projects", context: context, trail: [CatalogTrail.projects(context.slug, current: true)]),
            rows: list.rows.map { Self.row($0, org: context.slug) },
            controls: ListControls(page: list, path: path, sorts: ProjectRepository.sorts),
            newURL: SiteURL.newProject(org: context.slug).path, canEdit: context.role.isAtLeast(.member)
        )
        return try dependencies.renderer.render(page, template: "projects/index")
    }

    static func row(_ summary: ProjectRepository.Summary, org: String) -> ProjectRow {
        ProjectRow(
            name: summary.name, url: SiteURL.project(org: org, id: summary.id).path, description: summary.description,
            dramaCount: summary.dramaCount, episodeCount: summary.episodeCount, minutes: EpisodeDuration.minutes(summary.totalSeconds),
            updated: DisplayFormat.date(summary.updatedAt), isArchived: summary.archivedAt != nil
        )
    }

    @Sendable func new(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        return try editor(form: CatalogForms.project(), context: context, project: nil)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let (input, form) = CatalogForms.readProject(try await FormFields.parse(request))
        if form.hasErrors {
            return try editor(form: form, context: context, project: nil, status: .unprocessableContent).response(from: request, context: context)
        }
        let project = try await projects.create(organizationId: context.organizationId, name: input.name, description: input.description)
        return dependencies.redirect(to: .project(org: context.slug, id: project.id), "Project created.")
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderShow(request, context: context) }
    }

    func renderShow(_ request: Request, context: Context) async throws -> HTML {
        let projectId = try context.parameters.require("project", as: Int64.self)
        let query = ListQuery(request: request, sorts: DramaRepository.sorts, defaultSort: "title")
        let overview = try await projects.overview(organizationId: context.organizationId, id: projectId, dramaQuery: query)
        let (project, counts) = (overview.project, overview.totals)
        let org = context.slug
        var stats = [
            Stat(value: String(counts.dramas), label: "Dramas"),
            Stat(value: String(counts.episodes), label: "Episodes"),
            Stat(value: EpisodeDuration.minutes(counts.seconds), label: "Total running time"),
        ]
        if counts.episodesWithoutDuration > 0 {
            stats.append(Stat(value: String(counts.episodesWithoutDuration), label: "Episodes without a duration"))
        }
        let page = ProjectPage(
            chrome: PageChrome(title: project.name, context: context, trail: CatalogTrail.project(org, project, current: true)),
            name: project.name, description: project.description, stats: stats,
            actions: actions(for: project, context: context),
            dramas: overview.dramas.rows.map {
                DramaRow(
                    title: $0.title, url: SiteURL.drama(org: org, id: $0.id).path, language: $0.language, episodeCount: $0.episodeCount,
                    minutes: EpisodeDuration.minutes($0.totalSeconds), updated: DisplayFormat.date($0.updatedAt), isArchived: $0.archivedAt != nil
                )
            },
            controls: ListControls(page: overview.dramas, path: SiteURL.project(org: org, id: projectId).path, sorts: DramaRepository.sorts),
            newDramaURL: SiteURL.newDrama(org: org, projectId: projectId).path,
            budget: Self.budgetLine(project: project, spent: overview.monthSpendCents, org: org, canSet: context.role.isAtLeast(.manager))
        )
        return try dependencies.renderer.render(page, template: "projects/show")
    }

    /// Managers and up set or clear the monthly screenplay budget (empty clears it).
    @Sendable func setBudget(_ request: Request, context: Context) async throws -> Response {
        try context.require(.manager)
        let project = try await projects.require(from: context)
        let text = (try await FormFields.parse(request))["budget"] ?? ""
        let cents: Int?
        if text.isEmpty {
            cents = nil
        } else if let parsed = Money.parseCents(text) {
            cents = parsed
        } else {
            return dependencies.redirect(
                to: .project(org: context.slug, id: project.id), "“\(text.prefix(40))” is not an amount in dollars, e.g. 250 or 1,200.00.", kind: .error
            )
        }
        try await TaskRepository(database: dependencies.database).setBudget(organizationId: context.organizationId, projectId: project.id, cents: cents)
        context.logger.notice("project budget set", metadata: ["project": "\(project.id)", "cents": "\(cents.map(String.init) ?? "none")"])
        let message = cents.map { "Monthly budget set to \(Money.format(cents: $0))." } ?? "Monthly budget removed."
        await dependencies.audit(.budgetChanged, context, request, target: ("project", String(project.id)), "\(project.name): \(message)")
        return dependencies.redirect(to: .project(org: context.slug, id: project.id), message)
    }

    static func budgetLine(project: Project, spent: Int, org: String, canSet: Bool, error: String? = nil, typed: String? = nil) -> BudgetLine {
        let summary: String
        if let budget = project.monthlyBudgetCents {
            summary = "Screenplay spend this month: \(Money.format(cents: spent)) of a \(Money.format(cents: budget)) monthly budget."
        } else {
            summary = "Screenplay spend this month: \(Money.format(cents: spent)). No monthly budget is set."
        }
        return BudgetLine(
            summary: summary, overBudget: project.monthlyBudgetCents.map { spent > $0 } ?? false,
            value: typed ?? project.monthlyBudgetCents.map { Money.format(cents: $0).replacingOccurrences(of: "$", with: "") } ?? "",
            formURL: SiteURL.projectBudget(org: org, projectId: project.id).path,
            tasksURL: SiteURL.tasks(org: org).path + "?project=\(project.id)", canSet: canSet, error: error
        )
    }

    func actions(for project: Project, context: Context) -> ItemActions {
        let (org, id) = (context.slug, project.id)
        return ItemActions(
            url: { .project(org: org, id: id, action: $0) }, isArchived: project.archivedAt != nil,
            canEdit: context.role.isAtLeast(.member), canDelete: context.role.isAtLeast(.admin)
        )
    }

    @Sendable func edit(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let project = try await projects.require(from: context)
        return try editor(form: CatalogForms.project(name: project.name, description: project.description), context: context, project: project)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let project = try await projects.require(from: context)
        let (input, form) = CatalogForms.readProject(try await FormFields.parse(request))
        if form.hasErrors {
            return try editor(form: form, context: context, project: project, status: .unprocessableContent).response(from: request, context: context)
        }
        try await projects.update(organizationId: context.organizationId, id: project.id, name: input.name, description: input.description)
        return dependencies.redirect(to: .project(org: context.slug, id: project.id), "Project saved.")
    }

    func setArchived(_ archived: Bool, _ request: Request, _ context: Context) async throws -> Response {
        try context.require(.member)
        let projectId = try context.parameters.require("project", as: Int64.self)
        try await projects.setArchived(archived, organizationId: context.organizationId, id: projectId)
        let message = archived ? "Project archived. It is hidden from lists until restored." : "Project restored."
        return dependencies.redirect(to: .project(org: context.slug, id: projectId), message)
    }

    @Sendable func confirmDelete(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.admin)
        let project = try await projects.require(from: context)
        let impact = try await projects.deletionImpact(organizationId: context.organizationId, id: project.id)
        let id = project.id
        let page = ConfirmDeletePage(
            chrome: PageChrome(
                title: "Delete \(project.name)", context: context,
                trail: CatalogTrail.project(context.slug, project) + [.init(label: "Delete")]
            ),
            kind: "project", name: project.name,
            consequences: try await CatalogTable.project.deleteWarnings(id: id, organizationId: context.organizationId, in: dependencies.database) + [
                "\(impact.dramas) \(impact.dramas == 1 ? "drama" : "dramas") and \(impact.episodes) \(impact.episodes == 1 ? "episode" : "episodes") in it, archived ones included.",
                "This cannot be undone. Archiving hides the project but keeps everything.",
            ],
            actionURL: SiteURL.project(org: context.slug, id: id, action: .delete).path,
            cancelURL: SiteURL.project(org: context.slug, id: id).path,
            archiveURL: project.archivedAt == nil ? SiteURL.project(org: context.slug, id: id, action: .archive).path : nil
        )
        return try dependencies.renderer.render(page, template: "catalog/confirm-delete")
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let project = try await projects.require(from: context)
        try await projects.delete(organizationId: context.organizationId, id: project.id)
        context.logger.notice("project deleted", metadata: ["organization": "\(context.organizationId)", "project": "\(project.id)"])
        return dependencies.redirect(to: .projects(org: context.slug), "Project \(project.name) deleted.")
    }

    func editor(form: FormState, context: Context, project: Project?, status: HTTPResponse.Status = .ok) throws -> HTML {
        let org = context.slug
        let page: EditorPage
        if let project {
            let id = project.id
            page = EditorPage(
                chrome: PageChrome(title: "Edit \(project.name)", context: context, trail: CatalogTrail.project(org, project) + [.init(label: "Edit")]),
                heading: "Edit project", form: form, actionURL: SiteURL.project(org: org, id: id, action: .edit).path,
                submitLabel: "Save project", cancelURL: SiteURL.project(org: org, id: id).path
            )
        } else {
            page = EditorPage(
                chrome: PageChrome(title: "New project", context: context, trail: [CatalogTrail.projects(org), .init(label: "New")]),
                heading: "New project", form: form, actionURL: SiteURL.newProject(org: org).path,
                submitLabel: "Create project", cancelURL: SiteURL.projects(org: org).path
            )
        }
        return try dependencies.renderer.render(page, template: "catalog/form", status: status)
    }
}
