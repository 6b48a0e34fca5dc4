import Hummingbird

/// `/o/:org`: the organisation's home page.
struct DashboardController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.dashboard, use: show)
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderShow(request, context: context) }
    }

    func renderShow(_ request: Request, context: Context) async throws -> HTML {
        let organizationId = context.organizationId
        let projects = ProjectRepository(database: dependencies.database)
        let (totals, recent) = try await projects.dashboard(organizationId: organizationId, recent: 8)
        let activity = try await TaskRepository(database: dependencies.database).activity(organizationId: organizationId)
        let slug = context.slug
        let page = DashboardPage(
            chrome: PageChrome(title: context.organization.name, context: context),
            organizationName: context.organization.name, roleLabel: context.role.label,
            stats: [
                Stat(value: String(totals.projects), label: "Projects", url: SiteURL.projects(org: slug).path),
                Stat(value: String(totals.dramas), label: "Dramas"),
                Stat(value: String(totals.episodes), label: "Episodes"),
                Stat(value: EpisodeDuration.minutes(totals.seconds), label: "Running time"),
                Stat(value: String(totals.members), label: "Members", url: SiteURL.members(org: slug).path),
            ],
            projects: recent.map { ProjectsController.row($0, org: slug) },
            projectsURL: SiteURL.projects(org: slug).path, newProjectURL: SiteURL.newProject(org: slug).path,
            canEdit: context.role.isAtLeast(.member),
            inFlight: activity.inFlight.map { TasksController.row($0, org: slug) },
            spend: activity.spend.map { row in
                .init(
                    project: row.projectName, url: SiteURL.project(org: slug, id: row.projectId).path, spent: Money.format(cents: row.cents),
                    budget: row.budgetCents.map { Money.format(cents: $0) } ?? "no budget",
                    overBudget: row.budgetCents.map { $0 < row.cents } ?? false
                )
            },
            tasksURL: SiteURL.tasks(org: slug).path
        )
        return try dependencies.renderer.render(page, template: "dashboard/show")
    }
}
