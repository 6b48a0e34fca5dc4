import Mustache

/// What the layout needs on every page: title, CSRF token, who is logged in, which
/// organisation is open, the flash message and the breadcrumbs.
struct PageChrome: MustacheParent, Sendable {
    /// The viewer's own name and address: `ViewerText`, so a cached page gets the next viewer's.
    struct UserInfo: MustacheParent, Sendable {
        var displayName: ViewerText
        var email: ViewerText

        func child(named name: String) -> Any? {
            switch name {
            case "displayName": displayName
            case "email": email
            default: nil
            }
        }
    }

    struct OrganizationInfo: MustacheParent, Sendable {
        var name: String
        var slug: String
        var roleLabel: String
        var dashboardURL: String
        var membersURL: String
        var projectsURL: String
        var canManageMembers: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "slug": slug
            case "roleLabel": roleLabel
            case "dashboardURL": dashboardURL
            case "membersURL": membersURL
            case "projectsURL": projectsURL
            case "tasksURL": SiteURL.tasks(org: slug).path
            case "searchURL": SiteURL.search(org: slug).path
            case "settingsURL": SiteURL.upstreamSettings(org: slug).path
            case "apiKeysURL": SiteURL.apiKeys(org: slug).path
            case "webhooksURL": SiteURL.webhooks(org: slug).path
            case "auditURL": SiteURL.audit(org: slug).path
            case "canManageMembers": canManageMembers
            default: nil
            }
        }
    }

    struct Crumb: MustacheParent, Sendable {
        var label: String
        var url: String?

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            default: nil
            }
        }
    }

    struct FlashInfo: MustacheParent, Sendable {
        var kind: String
        var message: String

        func child(named name: String) -> Any? {
            switch name {
            case "kind": kind
            case "message": message
            default: nil
            }
        }
    }

    var title: String
    var csrf: ViewerText
    var user: UserInfo?
    var organization: OrganizationInfo?
    var flash: FlashInfo?
    var breadcrumbs: [Crumb] = []

    init(title: String, csrf: String, user: User?, flash: Flash?) {
        self.title = title
        self.csrf = ViewerText(.csrfToken, csrf)
        self.user = user.map { UserInfo(displayName: ViewerText(.displayName, $0.displayName), email: ViewerText(.email, $0.email)) }
        self.flash = flash.map { FlashInfo(kind: $0.kind.rawValue, message: $0.message) }
    }

    init(title: String, context: AppRequestContext) {
        self.init(title: title, csrf: context.csrfToken, user: context.identity, flash: context.flash)
    }

    /// Chrome for a page inside an organisation; breadcrumbs start at the organisation.
    init(title: String, context: OrganizationContext, trail: [Crumb] = []) {
        self.init(
            title: title, csrf: context.csrfToken, user: context.user, flash: context.flash,
            organization: context.organization, role: context.role, trail: trail)
    }

    init(title: String, csrf: String, user: User?, flash: Flash?, organization: Organization, role: Role, trail: [Crumb]) {
        self.init(title: title, csrf: csrf, user: user, flash: flash)
        let slug = organization.slug
        self.organization = OrganizationInfo(
            name: organization.name, slug: slug, roleLabel: role.label,
            dashboardURL: SiteURL.dashboard(org: slug).path, membersURL: SiteURL.members(org: slug).path,
            projectsURL: SiteURL.projects(org: slug).path,
            canManageMembers: role.canManageMembers
        )
        breadcrumbs = [Crumb(label: organization.name, url: SiteURL.dashboard(org: slug).path)] + trail
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "csrf": csrf
        case "user": user
        case "organization": organization
        case "flash": flash
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": breadcrumbs.count > 1
        case "logoutURL": SiteURL.logout.path
        case "loginURL": SiteURL.login.path
        case "signupURL": SiteURL.signup.path
        case "passwordURL": SiteURL.changePassword.path
        case "organizationsURL": SiteURL.organizations.path
        case "stylesheetURL": SiteURL.stylesheet.path
        default: nil
        }
    }
}

/// Any page: the layout reads `chrome`, the page template reads the rest.
protocol PageViewModel: MustacheParent, Sendable {
    var chrome: PageChrome { get }
}
