import Foundation
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

/// Shared steps: sign up, log in, create an invitation, and read values out of pages.
enum Accounts {
    static let password = "correct horse battery"

    /// Signs up through the real form; returns the organisation's dashboard path.
    @discardableResult
    static func signUp(_ browser: Browser, email: String, name: String = "Test User", organization: String) async throws -> String {
        let response = try await browser.post(
            "/signup",
            form: [("displayName", name), ("email", email), ("password", password), ("organizationName", organization)]
        )
        #expect(response.status == .seeOther, "sign-up should redirect: \(response.text)")
        return response.location ?? ""
    }

    @discardableResult
    static func logIn(_ browser: Browser, email: String, password: String = Accounts.password) async throws -> TestResponse {
        try await browser.post("/login", form: [("email", email), ("password", password)])
    }

    /// Creates an invite link as the logged-in admin and returns its path (`/invite/…`).
    static func invite(_ browser: Browser, org: String, role: String, email: String = "") async throws -> String? {
        let response = try await browser.post("/o/\(org)/invitations", form: [("email", email), ("role", role)])
        guard response.status == .created else { return nil }
        return firstMatch(#"/invite/[A-Za-z0-9_-]{43}"#, in: response.text)
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    /// The slug from a dashboard path like `/o/acme`.
    static func slug(from dashboardPath: String) -> String {
        String(dashboardPath.dropFirst("/o/".count))
    }
}
