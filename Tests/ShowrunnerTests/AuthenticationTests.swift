import Foundation
import HTTPTypes
import GRDB
import HummingbirdTesting
import Showrunner
import Testing

@Suite struct AuthenticationTests {
    @Test func signUpCreatesUserAndOrganizationAndLogsIn() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let dashboard = try await Accounts.signUp(browser, email: "lin@example.com", name: "Lin Xia", organization: "Moonlight Studio")
            #expect(dashboard == "/o/moonlight-studio")
            let page = try await browser.get(dashboard)
            #expect(page.status == .ok)
            #expect(page.text.contains("Moonlight Studio"))
            #expect(page.text.contains("You are Owner here."))
            #expect(page.text.contains("Welcome to Showrunner"), "the flash message shows once")
            let again = try await browser.get(dashboard)
            #expect(!again.text.contains("Welcome to Showrunner"))
        }
        let role = try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT m.role FROM membership m JOIN user u ON u.id = m.userId WHERE u.email = 'lin@example.com'")
        }
        #expect(role == "owner")
    }

    @Test func signUpErrorsAppearNextToFieldsAndKeepInput() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let response = try await browser.post(
                "/signup", form: [("displayName", "Gu Yanshen"), ("email", "not-an-email"), ("password", "short"), ("organizationName", "")]
            )
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("Enter an email address like name@example.com."))
            #expect(html.contains("Use at least 10 characters."))
            #expect(html.contains("Name your organisation."))
            #expect(html.contains(#"value="Gu Yanshen""#), "input is kept")
            #expect(html.contains(#"value="not-an-email""#))
            #expect(!html.contains(#"value="short""#), "passwords are never echoed back")
            #expect(html.contains(#"id="field-email-error""#))
        }
        let users = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") }
        #expect(users == 0)
    }

    @Test func signUpWithTakenEmailIsRefused() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "taken@example.com", organization: "First")
            try await browser.post("/logout")
            let response = try await browser.post(
                "/signup",
                form: [("displayName", "Other"), ("email", "TAKEN@example.com"), ("password", Accounts.password), ("organizationName", "Second")]
            )
            #expect(response.status == .conflict)
            #expect(response.text.contains("An account with this email already exists"))
        }
    }

    @Test func loginLogoutAndWrongPassword() async throws {
        try await TestApp.run { browser in
            let dashboard = try await Accounts.signUp(browser, email: "qin@example.com", organization: "Qin Films")
            try await browser.post("/logout")
            let afterLogout = try await browser.get(dashboard)
            #expect(afterLogout.status == .seeOther)
            #expect(afterLogout.location == "/login?next=/o/qin-films")

            let wrong = try await Accounts.logIn(browser, email: "qin@example.com", password: "wrong password!")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("That email and password do not match an account."))
            #expect(wrong.text.contains(#"value="qin@example.com""#))

            let unknown = try await Accounts.logIn(browser, email: "nobody@example.com")
            #expect(unknown.status == .unauthorized)

            let ok = try await browser.post("/login", form: [("email", "Qin@Example.com"), ("password", Accounts.password), ("next", dashboard)])
            #expect(ok.status == .seeOther)
            #expect(ok.location == dashboard)
            #expect(try await browser.get(dashboard).status == .ok)
        }
    }

    @Test(arguments: ["//evil.example/steal", "/\t/evil.example", "/\\evil.example", "https://evil.example", "/\u{7F}/evil.example"])
    func loginIgnoresOffSiteNextParameter(next: String) async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "next@example.com", organization: "Next")
            try await browser.post("/logout")
            let response = try await browser.post(
                "/login", form: [("email", "next@example.com"), ("password", Accounts.password), ("next", next)]
            )
            #expect(response.location == "/")
        }
    }

    @Test func parallelGuessesCannotOutrunTheThrottle() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "race@example.com", organization: "Race")
            let client = browser.client
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let guesser = Browser(client: client)
                        return try await Accounts.logIn(guesser, email: "race@example.com", password: "wrong guess here").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "at most the allowed number of guesses were checked")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 15)
        }
    }

    @Test func repeatedFailuresLockTheAccountEvenWithTheRightPassword() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "locked@example.com", organization: "Locked")
            try await browser.post("/logout")
            for _ in 0..<5 {
                let response = try await Accounts.logIn(browser, email: "locked@example.com", password: "guess guess guess")
                #expect(response.status == .unauthorized)
            }
            let blocked = try await Accounts.logIn(browser, email: "locked@example.com")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text.contains("Too many failed attempts"))
            #expect(blocked.headers[.retryAfter] != nil)
            #expect(await browser.sessionCookie == nil)
        }
    }

    @Test func manyAccountsFromOneAddressAreThrottledToo() async throws {
        try await TestApp.run { browser in
            // 20 failures spread over different accounts from the same client address.
            for index in 0..<20 {
                try await Accounts.logIn(browser, email: "user\(index)@example.com", password: "wrong wrong wrong")
            }
            let response = try await Accounts.logIn(browser, email: "fresh@example.com", password: "wrong wrong wrong")
            #expect(response.status == .tooManyRequests)
        }
    }

    @Test func sessionSurvivesAnAppRestart() async throws {
        let path = TestApp.temporaryDatabasePath()
        let cookies = try await TestApp.run(database: try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)) {
            browser in
            try await Accounts.signUp(browser, email: "restart@example.com", organization: "Restart")
            return await browser.cookies
        }
        #expect(cookies["showrunner_session"] != nil)
        let stored = try await AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger).writer.read { db in
            try String.fetchAll(db, sql: "SELECT keyHash FROM session")
        }
        #expect(stored.count == 1)
        #expect(!stored.contains { $0.contains(cookies["showrunner_session"] ?? "-") }, "only a hash of the session id is stored")

        // A new application on the same file: the old cookie still logs in.
        let status = try await TestApp.run(database: try AppDatabase.open(path: path, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)) {
            browser in
            for (name, value) in cookies { await browser.setCookie(name, value) }
            return try await browser.get("/o/restart").status
        }
        #expect(status == .ok)
    }

    @Test func loginRotatesTheSessionId() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "rotate@example.com", organization: "Rotate")
            let before = await browser.sessionCookie
            // Logging in again while a session exists must issue a new id and retire the old one.
            try await Accounts.logIn(browser, email: "rotate@example.com")
            let after = await browser.sessionCookie
            #expect(before != nil && after != nil && before != after)
            await browser.setCookie("showrunner_session", before)
            let withOld = try await browser.get("/o/rotate")
            #expect(withOld.status == .seeOther, "the pre-login session id no longer works")
        }
    }

    @Test func changingPasswordEndsOtherSessions() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "pw@example.com", organization: "Password Co")
            let phone = Browser(client: browser.client)
            #expect(try await Accounts.logIn(phone, email: "pw@example.com").status == .seeOther)
            #expect(try await phone.get("/o/password-co").status == .ok)

            let wrong = try await browser.post(
                "/account/password",
                form: [("currentPassword", "not it at all"), ("newPassword", "a brand new passphrase"), ("confirmPassword", "a brand new passphrase")]
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("That is not your current password."))
            #expect(try await phone.get("/o/password-co").status == .ok, "a failed change ends nothing")

            let changed = try await browser.post(
                "/account/password",
                form: [("currentPassword", Accounts.password), ("newPassword", "a brand new passphrase"), ("confirmPassword", "a brand new passphrase")]
            )
            #expect(changed.status == .seeOther)
            #expect(try await browser.get("/o/password-co").status == .ok, "this device stays logged in")
            #expect(try await phone.get("/o/password-co").status == .seeOther, "the other device is logged out")

            try await browser.post("/logout")
            #expect(try await Accounts.logIn(browser, email: "pw@example.com").status == .unauthorized)
            #expect(try await Accounts.logIn(browser, email: "pw@example.com", password: "a brand new passphrase").status == .seeOther)
        }
    }
}
