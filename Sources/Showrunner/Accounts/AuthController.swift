import Foundation
import Hummingbird
import Logging
import HummingbirdAuth

/// Sign-up, login, logout and the front door (`/`).
struct AuthController {
    typealias Context = AppRequestContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.home.route, use: home)
        group.get(SiteURL.login.route, use: showLogin)
        group.post(SiteURL.login.route, use: login)
        group.post(SiteURL.logout.route, use: logout)
        group.get(SiteURL.signup.route, use: showSignup)
        group.post(SiteURL.signup.route, use: signup)
    }

    /// Logged in: the organisation used last (or the list). Otherwise: the login page.
    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        guard let user = context.identity else {
            return .redirect(to: SiteURL.login.path, type: .normal)
        }
        let memberships = try await dependencies.organizations.memberships(userId: user.id)
        let preferred = memberships.first { $0.organizationId == user.lastOrganizationId } ?? memberships.first
        if let preferred {
            return .redirect(to: SiteURL.dashboard(org: preferred.slug).path, type: .normal)
        }
        return .redirect(to: SiteURL.organizations.path, type: .normal)
    }

    // MARK: Login

    @Sendable func showLogin(_ request: Request, context: Context) async throws -> Response {
        if context.identity != nil { return .redirect(to: SiteURL.home.path, type: .normal) }
        let next = LocalRedirect.sanitized(request.uri.queryParameters.get("next"))
        return try loginPage(form: Self.loginForm(), next: next, context: context).response(from: request, context: context)
    }

    @Sendable func login(_ request: Request, context: Context) async throws -> Response {
        let fields = try await FormFields.parse(request)
        let email = fields["email"] ?? ""
        let password = fields.raw("password") ?? ""
        let next = LocalRedirect.sanitized(fields["next"])
        var form = Self.loginForm(email: email)
        let address = ClientAddress.of(request, context: context, trustForwardedFor: dependencies.configuration.trustForwardedFor)

        if email.isEmpty { form.setError("Enter your email address.", on: "email") }
        if password.isEmpty { form.setError("Enter your password.", on: "password") }
        if form.hasErrors {
            return try loginPage(form: form, next: next, context: context, status: .unprocessableContent).response(from: request, context: context)
        }
        let reservation = try await dependencies.throttle.reserve(email: email, address: address)
        if case .locked(let wait) = reservation {
            form.formError = "Too many failed attempts. Try again in \(Self.describeWait(wait))."
            var response = try loginPage(form: form, next: next, context: context, status: .tooManyRequests).response(from: request, context: context)
            response.headers[.retryAfter] = String(wait)
            return response
        }

        let user = try await dependencies.users.find(email: email)
        let passwordMatches: Bool
        if let user {
            passwordMatches = try await dependencies.hasher.verify(password, against: user.passwordHash)
        } else {
            try await dependencies.hasher.burnEquivalentTime(for: password)
            passwordMatches = false
        }
        guard let user, passwordMatches else {
            // The reservation already counted this attempt as a failure.
            context.logger.notice("login failed", metadata: ["address": "\(address)"])
            await dependencies.audit.record(
                .signInFailed, organizationId: nil,
                actor: user.map { .user($0, address: address) } ?? AuditActor(userId: nil, apiKeyId: nil, label: "unknown email", address: address),
                summary: user == nil ? "Sign-in with an unknown email." : "Wrong password."
            )
            form.formError = "That email and password do not match an account."
            return try loginPage(form: form, next: next, context: context, status: .unauthorized).response(from: request, context: context)
        }

        try await dependencies.throttle.succeeded(email: email, reservation: reservation)
        try await startSession(for: user.id, request: request, context: context)
        context.logger.info("login", metadata: ["user": "\(user.id)"])
        await dependencies.audit.record(.signIn, organizationId: nil, actor: .user(user, address: address), summary: "Signed in.")
        return .redirect(to: next ?? SiteURL.home.path, type: .normal)
    }

    @Sendable func logout(_ request: Request, context: Context) async throws -> Response {
        context.sessions.clearSession()
        return dependencies.redirect(to: .login, "You have logged out.", kind: .info)
    }

    // MARK: Sign-up

    @Sendable func showSignup(_ request: Request, context: Context) async throws -> Response {
        guard dependencies.configuration.allowSignup else { throw DomainError.notFound }
        return try signupPage(form: Self.signupForm(), context: context).response(from: request, context: context)
    }

    @Sendable func signup(_ request: Request, context: Context) async throws -> Response {
        guard dependencies.configuration.allowSignup else { throw DomainError.notFound }
        let fields = try await FormFields.parse(request)
        let displayName = fields["displayName"] ?? ""
        let email = fields["email"] ?? ""
        let password = fields.raw("password") ?? ""
        let organizationName = fields["organizationName"] ?? ""
        var form = Self.signupForm(displayName: displayName, email: email, organizationName: organizationName)
        AccountValidation.check(displayName: displayName, email: email, password: password, into: &form)
        if let problem = AccountValidation.organizationNameProblem(organizationName) {
            form.setError(problem, on: "organizationName")
        }
        if form.hasErrors {
            return try signupPage(form: form, context: context, status: .unprocessableContent).response(from: request, context: context)
        }
        let hash = try await dependencies.hasher.hash(password)
        do {
            let (user, organization) = try await dependencies.users.signUp(
                email: email, displayName: displayName, passwordHash: hash, organizationName: organizationName
            )
            let userId = user.id
            try await startSession(for: userId, request: request, context: context)
            return dependencies.redirect(to: .dashboard(org: organization.slug), "Welcome to Showrunner. \(organization.name) is ready.")
        } catch AccountError.emailTaken {
            form.setError("An account with this email already exists. Log in instead.", on: "email")
            return try signupPage(form: form, context: context, status: .conflict).response(from: request, context: context)
        }
    }

    // MARK: Helpers

    /// Starts a fresh session (new id) and throws away any session the browser had before,
    /// so a session id planted before login is worthless after it.
    func startSession(for userId: Int64, request: Request, context: Context) async throws {
        if let previous = request.cookies[AppSessions.cookieName]?.value {
            try await dependencies.sessionStore.remove(key: AppSessions.keyPrefix + String(previous))
        }
        context.sessions.createSession(
            UserSession(userId: userId, authenticatedAt: Date()), expiresIn: dependencies.configuration.sessionLifetime
        )
    }

    static func loginForm(email: String = "") -> FormState {
        FormState([
            FormField(name: "email", label: "Email", type: "email", value: email, autocomplete: "username"),
            FormField(name: "password", label: "Password", type: "password", autocomplete: "current-password"),
        ])
    }

    static func signupForm(displayName: String = "", email: String = "", organizationName: String = "") -> FormState {
        FormState([
            FormField(name: "displayName", label: "Your name", value: displayName, autocomplete: "name"),
            FormField(name: "email", label: "Email", type: "email", value: email, autocomplete: "email"),
            FormField(
                name: "password", label: "Password", type: "password",
                hint: "At least \(PasswordPolicy.minimumLength) characters. A few unrelated words make a good one.",
                autocomplete: "new-password"
            ),
            FormField(
                name: "organizationName", label: "Studio or team name", value: organizationName,
                hint: "Your organisation in Showrunner. You can invite people to it later.", autocomplete: "organization"
            ),
        ])
    }

    func loginPage(form: FormState, next: String?, context: Context, status: HTTPResponse.Status = .ok) throws -> HTML {
        var page = FormPage(
            chrome: PageChrome(title: "Log in", context: context), form: form, actionURL: SiteURL.login.path,
            submitLabel: "Log in", next: next
        )
        page.signupAllowed = dependencies.configuration.allowSignup
        return try dependencies.renderer.render(page, template: "auth/login", status: status)
    }

    func signupPage(form: FormState, context: Context, status: HTTPResponse.Status = .ok) throws -> HTML {
        let page = FormPage(
            chrome: PageChrome(title: "Create your account", context: context), form: form, actionURL: SiteURL.signup.path,
            submitLabel: "Create account", next: nil
        )
        return try dependencies.renderer.render(page, template: "auth/signup", status: status)
    }

    static func describeWait(_ seconds: Int) -> String {
        seconds < 90 ? "\(seconds) seconds" : "\((seconds + 59) / 60) minutes"
    }
}

/// Session cookie settings shared by the middleware and by login (to discard old sessions).
enum AppSessions {
    static let cookieName = "showrunner_session"
    static let keyPrefix = "hbs."
}
