/// Field checks shared by sign-up and accepting an invitation.
enum AccountValidation {
    static func check(displayName: String, email: String, password: String, into form: inout FormState) {
        if displayName.isEmpty {
            form.setError("Enter your name, as your team should see it.", on: "displayName")
        } else if displayName.count > 100 {
            form.setError("Use at most 100 characters.", on: "displayName")
        }
        if let problem = emailProblem(email) { form.setError(problem, on: "email") }
        if let problem = PasswordPolicy.problem(with: password, email: email) { form.setError(problem, on: "password") }
    }

    static func emailProblem(_ email: String) -> String? {
        if email.isEmpty { return "Enter your email address." }
        if email.count > 254 { return "That email address is too long." }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(where: { $0.isWhitespace })
        else { return "Enter an email address like name@example.com." }
        return nil
    }

    static func organizationNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "Name your organisation." }
        if name.count > 100 { return "Use at most 100 characters." }
        return nil
    }
}
