import Foundation
import HTTPTypes
import GRDB
import HummingbirdTesting
import Showrunner
import Testing

@Suite struct CSRFTests {
    @Test func postWithoutTokenIsRefusedAndChangesNothing() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "csrf@example.com", organization: "Guarded")
            let missing = try await browser.post("/orgs/new", form: [("name", "Sneaky")], csrf: .omitted)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("Your form expired"))
            let wrong = try await browser.post("/orgs/new", form: [("name", "Sneaky")], csrf: .value("A" + String(repeating: "b", count: 42)))
            #expect(wrong.status == .forbidden)
            let logout = try await browser.post("/logout", csrf: .omitted)
            #expect(logout.status == .forbidden)
            #expect(try await browser.get("/o/guarded").status == .ok, "still logged in")
        }
        let names = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM organization") }
        #expect(names == ["Guarded"])
    }

    @Test func loginFormNeedsTheTokenToo() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "login-csrf@example.com", organization: "Login CSRF")
            try await browser.post("/logout")
            let response = try await browser.post(
                "/login", form: [("email", "login-csrf@example.com"), ("password", Accounts.password)], csrf: .omitted
            )
            #expect(response.status == .forbidden)
            #expect(await browser.sessionCookie == nil)
        }
    }

    @Test func foreignOriginIsRefusedEvenWithAValidToken() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "origin@example.com", organization: "Origin")
            let foreign = try await browser.post("/orgs/new", form: [("name", "From Elsewhere")], origin: "https://evil.example")
            #expect(foreign.status == .forbidden)
            #expect(foreign.text.contains("came from another site"))
            let nullOrigin = try await browser.post("/orgs/new", form: [("name", "From Elsewhere")], origin: "null")
            #expect(nullOrigin.status == .forbidden)
            let same = try await browser.post("/orgs/new", form: [("name", "Same Site")], origin: "http://localhost")
            #expect(same.status == .seeOther)
        }
        let names = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM organization ORDER BY id") }
        #expect(names == ["Origin", "Same Site"])
    }

    @Test func configuredPublicOriginIsAcceptedAndCookiesBecomeSecure() async throws {
        try await TestApp.run(configure: { $0.publicBaseURL = URL(string: "https://showrunner.example.com") }) { browser in
            _ = try await browser.get("/login")
            #expect(await browser.cookies["__Host-showrunner_csrf"] != nil)
            let response = try await browser.post(
                "/signup",
                form: [("displayName", "Sec"), ("email", "sec@example.com"), ("password", Accounts.password), ("organizationName", "Sec")],
                origin: "https://showrunner.example.com"
            )
            #expect(response.status == .seeOther)
            let session = response.headers[values: .setCookie].first { $0.hasPrefix("showrunner_session=") } ?? ""
            #expect(session.contains("Secure") && session.contains("HttpOnly") && session.contains("SameSite=Lax"))
        }
    }

    @Test func sessionCookieIsHttpOnlyAndLaxWithoutTLS() async throws {
        try await TestApp.run { browser in
            let response = try await browser.post(
                "/signup", form: [("displayName", "Plain"), ("email", "plain@example.com"), ("password", Accounts.password), ("organizationName", "Plain")]
            )
            let session = response.headers[values: .setCookie].first { $0.hasPrefix("showrunner_session=") } ?? ""
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax"))
            #expect(!session.contains("Secure"))
        }
    }

    @Test func everyFormPageCarriesTheToken() async throws {
        try await TestApp.run { browser in
            for path in ["/login", "/signup"] {
                let page = try await browser.get(path)
                let token = await browser.csrfToken ?? "missing"
                #expect(page.text.contains(#"name="_csrf" value="\#(token)""#), "\(path) has the hidden _csrf field")
            }
            try await Accounts.signUp(browser, email: "forms@example.com", organization: "Forms")
            for path in ["/o/forms/members", "/orgs", "/account/password"] {
                let page = try await browser.get(path)
                let forms = page.text.components(separatedBy: "<form").count - 1
                let tokens = page.text.components(separatedBy: #"name="_csrf""#).count - 1
                #expect(forms > 0 && forms == tokens, "\(path): \(forms) forms, \(tokens) tokens")
            }
        }
    }
}

@Suite struct PageBasicsTests {
    @Test func healthReportsTheDatabase() async throws {
        try await TestApp.run { browser in
            let response = try await browser.get("/healthz", accept: "application/json")
            #expect(response.status == .ok)
            let body = try JSONDecoder().decode([String: String].self, from: Data(response.text.utf8))
            #expect(body == ["status": "ok", "database": "ok"])
        }
    }

    @Test func unknownPagesRenderTheNotFoundPageOrJSON() async throws {
        try await TestApp.run { browser in
            let html = try await browser.get("/no/such/page")
            #expect(html.status == .notFound)
            #expect(html.text.contains("<h1>Not found</h1>"))
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            let json = try await browser.get("/no/such/page", accept: "application/json")
            #expect(json.status == .notFound)
            #expect(json.text.contains(#""code":"not_found""#))
        }
    }

    @Test func staticFilesAreServedWithCachingHeaders() async throws {
        try await TestApp.run { browser in
            let css = try await browser.get("/static/css/app.css", accept: "text/css")
            #expect(css.status == .ok)
            // Revalidated on every use, so a deploy's styles are seen at once; the ETag makes that a 304.
            #expect(css.headers[.cacheControl]?.contains("no-cache") == true)
            let etag = try #require(css.headers[.eTag])
            let again = try await browser.send("/static/css/app.css", method: .get, headers: [.ifNoneMatch: etag], body: nil)
            #expect(again.status == .notModified)
            #expect(css.headers[.setCookie] == nil, "static files skip sessions")
            let traversal = try await browser.get("/static/../Package.swift")
            #expect(traversal.status == .notFound || traversal.status == .badRequest)
            #expect(!traversal.text.contains("PackageDescription"))
        }
    }

    @Test func securityHeadersAreOnEveryPage() async throws {
        try await TestApp.run { browser in
            let page = try await browser.get("/login")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("showrunner_csrf=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        }
    }

    @Test func userTextIsEscaped() async throws {
        try await TestApp.run { browser in
            let dashboard = try await Accounts.signUp(browser, email: "xss@example.com", name: "<b>Bold</b>", organization: "<script>alert(1)</script>")
            let page = try await browser.get(dashboard)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert(1)</script>"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<b>Bold</b>"))
        }
    }

    @Test func homeSendsVisitorsToLoginAndMembersToTheirOrganization() async throws {
        try await TestApp.run { browser in
            #expect(try await browser.get("/").location == "/login")
            try await Accounts.signUp(browser, email: "home@example.com", organization: "Home Base")
            #expect(try await browser.get("/").location == "/o/home-base")
        }
    }
}
