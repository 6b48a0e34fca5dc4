import GRDB
import Hummingbird

/// `/o/:org`: the organisation's home page.
struct DashboardController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.dashboard, use: show)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        let organizationId = context.organizationId
        let memberCount = try await dependencies.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership WHERE organizationId = ?", arguments: [organizationId]) ?? 0
        }
        let page = DashboardPage(
            chrome: PageChrome(title: context.organization.name, context: context),
            organizationName: context.organization.name, roleLabel: context.role.label, memberCount: memberCount,
            membersURL: SiteURL.members(org: context.slug).path
        )
        return try dependencies.renderer.render(page, template: "dashboard/show")
    }
}
