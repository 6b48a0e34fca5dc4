import Foundation
import Hummingbird

/// `/invite/:token`: the page an invite link opens. Logged-in people join with one click;
/// others create their account on the same page (or log in and come back).
struct InvitationController {
    typealias Context = AppRequestContext
    let dependencies: AppDependencies
    let auth: AuthController

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("invite/:token", use: show)
        group.post("invite/:token", use: accept)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        let token = try context.parameters.require("token")
        let lookup = try await usableInvitation(token: token)
        return try page(lookup: lookup, token: token, form: Self.signupForm(email: lookup.invitation.email ?? ""), context: context)
    }

    @Sendable func accept(_ request: Request, context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        let lookup = try await usableInvitation(token: token)
        if let user = context.identity {
            let organization = try await dependencies.invitations.accept(token: token, user: user)
            return dependencies.redirect(to: .dashboard(org: organization.slug), "You joined \(organization.name).")
        }

        let fields = try await FormFields.parse(request)
        let displayName = fields["displayName"] ?? ""
        let email = fields["email"] ?? ""
        let password = fields.raw("password") ?? ""
        var form = Self.signupForm(displayName: displayName, email: email)
        AccountValidation.check(displayName: displayName, email: email, password: password, into: &form)
        if form.hasErrors {
            return try page(lookup: lookup, token: token, form: form, context: context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let hash = try await dependencies.hasher.hash(password)
        do {
            let (user, organization) = try await dependencies.invitations.acceptAsNewUser(
                token: token, email: email, displayName: displayName, passwordHash: hash
            )
            let userId = user.id
            try await auth.startSession(for: userId, request: request, context: context)
            return dependencies.redirect(to: .dashboard(org: organization.slug), "Welcome to \(organization.name).")
        } catch AccountError.emailTaken {
            form.setError("An account with this email already exists. Log in first, then open the link again.", on: "email")
            return try page(lookup: lookup, token: token, form: form, context: context, status: .conflict)
                .response(from: request, context: context)
        } catch InvitationError.otherEmail {
            form.setError(InvitationError.otherEmail.userMessage, on: "email")
            return try page(lookup: lookup, token: token, form: form, context: context, status: .forbidden)
                .response(from: request, context: context)
        }
    }

    /// The invitation if its link still works; otherwise the error page says why.
    func usableInvitation(token: String) async throws -> InvitationRepository.Lookup {
        guard token.count <= 64, let lookup = try await dependencies.invitations.find(token: token) else {
            throw InvitationError.unknown
        }
        switch lookup.invitation.state(at: Date()) {
        case .pending: return lookup
        case .accepted: throw InvitationError.used
        case .revoked: throw InvitationError.revoked
        case .expired: throw InvitationError.expired
        }
    }

    static func signupForm(displayName: String = "", email: String = "") -> FormState {
        FormState([
            FormField(name: "displayName", label: "Your name", value: displayName, autocomplete: "name"),
            FormField(name: "email", label: "Email", type: "email", value: email, autocomplete: "email"),
            FormField(
                name: "password", label: "Password", type: "password",
                hint: "At least \(PasswordPolicy.minimumLength) characters.", autocomplete: "new-password"
            ),
        ])
    }

    func page(lookup: InvitationRepository.Lookup, token: String, form: FormState, context: Context, status: HTTPResponse.Status = .ok) throws -> HTML {
        let invitation = lookup.invitation
        let acceptURL = SiteURL.invitation(token: token).path
        let loginURL = SiteURL.login.path + "?next=" + (acceptURL.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
        let summary = InvitationSummary(
            organizationName: lookup.organization.name, roleLabel: invitation.role.label, roleSummary: invitation.role.summary,
            email: invitation.email, expiresAt: DisplayFormat.dateTime(invitation.expiresAt), acceptURL: acceptURL,
            loginURL: loginURL, signedInAs: context.identity?.email
        )
        var page = FormPage(
            chrome: PageChrome(title: "Join \(lookup.organization.name)", context: context), form: form,
            actionURL: acceptURL, submitLabel: "Create account and join", next: nil
        )
        page.invitation = summary
        return try dependencies.renderer.render(page, template: "invitations/show", status: status)
    }
}
