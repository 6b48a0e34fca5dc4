import Foundation
import Hummingbird
import HummingbirdAuth

/// The logged-in user's own account: change password.
struct AccountController {
    typealias Context = AppRequestContext
    let dependencies: AppDependencies
    let auth: AuthController

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.changePassword.route, use: showChangePassword)
        group.post(SiteURL.changePassword.route, use: changePassword)
    }

    @Sendable func showChangePassword(_ request: Request, context: Context) async throws -> HTML {
        try page(form: Self.passwordForm(), context: context)
    }

    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        let user = try context.requireIdentity()
        let userId = user.id
        let fields = try await FormFields.parse(request)
        let current = fields.raw("currentPassword") ?? ""
        let new = fields.raw("newPassword") ?? ""
        let confirmation = fields.raw("confirmPassword") ?? ""
        var form = Self.passwordForm()

        if current.isEmpty {
            form.setError("Enter your current password.", on: "currentPassword")
        } else if try await !dependencies.hasher.verify(current, against: user.passwordHash) {
            form.setError("That is not your current password.", on: "currentPassword")
        }
        if let problem = PasswordPolicy.problem(with: new, email: user.email) {
            form.setError(problem, on: "newPassword")
        } else if new != confirmation {
            form.setError("The two new passwords differ.", on: "confirmPassword")
        }
        if form.hasErrors {
            return try page(form: form, context: context, status: .unprocessableContent).response(from: request, context: context)
        }
        let hash = try await dependencies.hasher.hash(new)
        // Ends every session of this user, this one included; then start a fresh one here.
        try await dependencies.users.changePassword(userId: userId, newHash: hash)
        try await auth.startSession(for: userId, request: request, context: context)
        return dependencies.redirect(to: .home, "Password changed. Other devices have been logged out.")
    }

    static func passwordForm() -> FormState {
        FormState([
            FormField(name: "currentPassword", label: "Current password", type: "password", autocomplete: "current-password"),
            FormField(
                name: "newPassword", label: "New password", type: "password",
                hint: "At least \(PasswordPolicy.minimumLength) characters.", autocomplete: "new-password"
            ),
            FormField(name: "confirmPassword", label: "New password again", type: "password", autocomplete: "new-password"),
        ])
    }

    func page(form: FormState, context: Context, status: HTTPResponse.Status = .ok) throws -> HTML {
        let page = FormPage(
            chrome: PageChrome(title: "Change password", context: context), form: form,
            actionURL: SiteURL.changePassword.path, submitLabel: "Change password", next: nil
        )
        return try dependencies.renderer.render(page, template: "account/password", status: status)
    }
}
