import GRDB
import Hummingbird

/// `/o/:org`: the organisation's home page.
struct DashboardController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.dashboard, use: show)
    }

    struct Totals: Sendable {
        var members = 0
        var projects = 0
        var dramas = 0
        var episodes = 0
        var seconds = 0.0
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        let organizationId = context.organizationId
        async let totalsQuery = dependencies.database.writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM membership WHERE organizationId = :org) AS members,
                           (SELECT COUNT(*) FROM project WHERE organizationId = :org AND archivedAt IS NULL) AS projects,
                           (SELECT COUNT(*) FROM drama WHERE organizationId = :org AND archivedAt IS NULL) AS dramas,
                           (SELECT COUNT(*) FROM episode WHERE organizationId = :org AND archivedAt IS NULL) AS episodes,
                           (SELECT COALESCE(SUM(durationSeconds), 0) FROM episode WHERE organizationId = :org AND archivedAt IS NULL) AS seconds
                    """,
                arguments: ["org": organizationId]
            )
            return Totals(
                members: row?["members"] ?? 0, projects: row?["projects"] ?? 0, dramas: row?["dramas"] ?? 0,
                episodes: row?["episodes"] ?? 0, seconds: row?["seconds"] ?? 0
            )
        }
        let recentQuery = ListQuery(sortKey: "updated", descending: true, pageSize: 8)
        async let recent = ProjectRepository(database: dependencies.database).list(organizationId: organizationId, query: recentQuery)
        let totals = try await totalsQuery
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
            projects: try await recent.rows.map { ProjectsController.row($0, org: slug) },
            projectsURL: SiteURL.projects(org: slug).path, newProjectURL: SiteURL.newProject(org: slug).path,
            canEdit: context.role.isAtLeast(.member)
        )
        return try dependencies.renderer.render(page, template: "dashboard/show")
    }
}
