import Mustache

/// A page that is mostly one form: login, sign-up, change password, new organisation.
struct FormPage: PageViewModel {
    var chrome: PageChrome
    var form: FormState
    var actionURL: String
    var submitLabel: String
    /// Where to go after login (a sanitised local path).
    var next: String?
    /// Optional extra context for the template (e.g. the invitation being accepted).
    var invitation: InvitationSummary?
    var signupAllowed: Bool = true

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "form": form
        case "actionURL": actionURL
        case "submitLabel": submitLabel
        case "next": next
        case "invitation": invitation
        case "signupAllowed": signupAllowed
        case "loginURL": SiteURL.login.path
        case "signupURL": SiteURL.signup.path
        default: nil
        }
    }
}

/// What the accept-invitation page says about the invitation.
struct InvitationSummary: MustacheParent, Sendable {
    var organizationName: String
    var roleLabel: String
    var roleSummary: String
    var email: String?
    var expiresAt: String
    var acceptURL: String
    var loginURL: String
    /// Logged in as this person (accept with one click) or nil (sign up or log in first).
    var signedInAs: String?

    func child(named name: String) -> Any? {
        switch name {
        case "organizationName": organizationName
        case "roleLabel": roleLabel
        case "roleSummary": roleSummary
        case "email": email
        case "expiresAt": expiresAt
        case "acceptURL": acceptURL
        case "loginURL": loginURL
        case "signedInAs": signedInAs
        default: nil
        }
    }
}
