import Hummingbird
import HummingbirdAuth

/// The list of the user's organisations, and creating a new one.
struct OrganizationsController {
    typealias Context = AppRequestContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.organizations.route, use: index)
        group.post(SiteURL.newOrganization.route, use: create)
    }

    @Sendable func index(_ request: Request, context: Context) async throws -> HTML {
        try await page(form: Self.newForm(), context: context)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireIdentity()
        let userId = user.id
        let fields = try await FormFields.parse(request)
        let name = fields["name"] ?? ""
        var form = Self.newForm(name: name)
        if let problem = AccountValidation.organizationNameProblem(name) {
            form.setError(problem, on: "name")
            return try await page(form: form, context: context, status: .unprocessableContent).response(from: request, context: context)
        }
        let organization = try await dependencies.organizations.createOrganization(name: name, ownerId: userId)
        return dependencies.redirect(to: .dashboard(org: organization.slug), "\(organization.name) created. You are its owner.")
    }

    static func newForm(name: String = "") -> FormState {
        FormState([FormField(name: "name", label: "Organisation name", value: name, autocomplete: "organization")])
    }

    func page(form: FormState, context: Context, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let user = try context.requireIdentity()
        let userId = user.id
        let rows = try await dependencies.organizations.memberships(userId: userId).map {
            OrganizationsPage.Row(
                name: $0.name, url: SiteURL.dashboard(org: $0.slug).path, roleLabel: $0.role.label,
                memberCount: $0.memberCount, isCurrent: $0.organizationId == user.lastOrganizationId
            )
        }
        let page = OrganizationsPage(chrome: PageChrome(title: "Your organisations", context: context), rows: rows, form: form)
        return try dependencies.renderer.render(page, template: "organizations/index", status: status)
    }
}
