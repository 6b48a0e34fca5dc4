import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Showrunner
import TemplateCompiler
import Testing

/// The compiled templates against their reference, swift-mustache: the generated Swift is
/// what `make templates` writes today, and every compiled page is byte for byte the page the
/// interpreter renders for the same view model, over real pages in many states.
@Suite struct CompiledTemplateTests {
    @Test func theGeneratedFileIsCurrent() throws {
        let generated = try TemplateCompiler.generate(root: TestApp.root)
        let onDisk = try String(contentsOf: TestApp.root.appendingPathComponent(TemplateCompiler.outputPath), encoding: .utf8)
        #expect(generated == onDisk, "Templates or view models changed: run `make templates`.")
    }

    @Test func everyTemplateOfTheManifestIsCompiled() throws {
        let manifest = try String(contentsOf: TestApp.root.appendingPathComponent(TemplateCompiler.manifestPath), encoding: .utf8)
        let listed = manifest.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!listed.isEmpty)
        #expect(Set(listed) == Set(PageRenderer.compiledTemplates.keys))
    }

    /// Fetches each path from the app twice, compiled and interpreted (same database, same
    /// cookies, so the same session and CSRF token), and requires identical bytes.
    /// `post`: a form that fails validation (nothing stored), whose error page is compared.
    static func expectIdentical(
        _ paths: [String], post: (path: String, form: [(String, String)])? = nil, browser: Browser, database: AppDatabase,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        // The cookies before the first request: a flash message shows on both pages.
        let cookies = await browser.cookies
        var compiled: [String: TestResponse] = [:]
        for path in paths { compiled[path] = try await browser.get(path) }
        if let post { compiled["POST " + post.path] = try await browser.post(post.path, form: post.form) }
        let pages = compiled
        try await TestApp.run(database: database, configure: { $0.templateEngine = .interpreter }) { reference in
            for (name, value) in cookies { await reference.setCookie(name, value) }
            var requests = paths
            if let post { requests.append("POST " + post.path) }
            for path in requests {
                let expected = path.hasPrefix("POST ")
                    ? try await reference.post(String(path.dropFirst(5)), form: post?.form ?? [])
                    : try await reference.get(path)
                let actual = try #require(pages[path])
                #expect(actual.status == expected.status, "\(path)", sourceLocation: sourceLocation)
                #expect(actual.text.count > 200, "\(path) rendered almost nothing", sourceLocation: sourceLocation)
                if actual.text != expected.text {
                    let first = zip(actual.text, expected.text).prefix { $0 == $1 }.count
                    func excerpt(_ text: String) -> String {
                        String(text.dropFirst(max(0, first - 60)).prefix(160)).debugDescription
                    }
                    Issue.record(
                        "\(path): compiled and interpreted pages differ at character \(first): \(excerpt(actual.text)) vs \(excerpt(expected.text))",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func storyboardPagesMatchTheInterpreterInEveryState() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            let drama = try await IngestedDrama.make(owner, database: database)
            let episode = drama.firstEpisode
            let run = try #require(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT runId FROM episodeCurrentRun WHERE episodeId = ?", arguments: [episode])
            })
            // No review, no comments; a second episode; an explicit run.
            try await Self.expectIdentical(
                [
                    drama.storyboardPath(1), drama.storyboardPath(2), drama.storyboardPath(1) + "?run=\(run)",
                    "/o/\(drama.org)/episodes/\(episode)/transcript", "/o/\(drama.org)/episodes/\(episode)/transcript?run=\(run)",
                ],
                browser: owner, database: database)

            // Comments, one resolved, with text that needs escaping; a decision with a reason.
            let comments = "/o/\(drama.org)/episodes/\(episode)/comments"
            for body in ["Speaker is <b>wrong</b> & \"quoted\"", "Cut at 00:01 — it's late", "第二场的台词不对"] {
                let posted = try await owner.post(comments, form: [("run", "\(run)"), ("scene", "1"), ("body", body)])
                #expect(posted.status == .seeOther)
            }
            let commentId = try #require(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM reviewComment")
            })
            #expect(try await owner.post("\(comments)/\(commentId)/resolve", form: [("run", "\(run)")]).status == .seeOther)
            let review = "/o/\(drama.org)/episodes/\(episode)/review"
            #expect(try await owner.post(review, form: [("run", "\(run)"), ("decision", "changes"), ("reason", "Scene 2 <i>speaker</i>")]).status == .seeOther)
            try await Self.expectIdentical([drama.storyboardPath(1)], browser: owner, database: database)

            // Approved; and the form error page (a comment without text) is the same too.
            #expect(try await owner.post(review, form: [("run", "\(run)"), ("decision", "approve")]).status == .seeOther)
            try await Self.expectIdentical(
                [drama.storyboardPath(1)], post: (comments, [("run", "\(run)"), ("scene", "1"), ("body", "  ")]),
                browser: owner, database: database)
        }
    }

    @Test func hostileStoryboardTextRendersTheSameBothWays() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try HostileStoryboard.zip())
            try await Self.expectIdentical([drama.storyboardPath(1), drama.storyboardPath(2)], browser: browser, database: database)
        }
    }

    @Test func anEpisodeWithoutARunRendersTheSameBothWays() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let dashboard = try await Accounts.signUp(browser, email: "empty@example.com", organization: "Empty Studio")
            let org = Accounts.slug(from: dashboard)
            let project = try await CatalogSteps.project(browser, org: org)
            let drama = try await CatalogSteps.drama(browser, org: org, project: project, title: "Nothing <yet>")
            #expect(try await CatalogSteps.episode(browser, org: org, drama: drama, number: 1, asset: "re_123456789012345678", duration: "60").status == .seeOther)
            let episode = try #require(try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM episode WHERE dramaId = ?", arguments: [drama])
            })
            try await Self.expectIdentical(["/o/\(org)/episodes/\(episode)/storyboard"], browser: browser, database: database)
        }
    }
}
