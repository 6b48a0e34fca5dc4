import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

@Suite struct CatalogTests {
    @Test func projectFormErrorsKeepInputAndSaveNothing() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let response = try await browser.post("/o/studio/projects/new", form: [("name", ""), ("description", "Keep this text")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Name the project."))
            #expect(response.text.contains("Keep this text"))
            #expect(response.text.contains(#"id="field-name-error""#))
        }
        let count = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM project") }
        #expect(count == 0)
    }

    @Test func projectLifecycleCreateEditArchiveRestoreDelete() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let project = try await CatalogSteps.project(browser, org: "studio", name: "Spring Slate")
            let drama = try await CatalogSteps.drama(browser, org: "studio", project: project)
            try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 1, asset: CatalogSteps.asset(1), duration: "90")

            let edited = try await browser.post("/o/studio/projects/\(project)/edit", form: [("name", "Spring Slate 2027"), ("description", "Launch")])
            #expect(edited.status == .seeOther)
            let page = try await browser.get("/o/studio/projects/\(project)")
            #expect(page.text.contains("Spring Slate 2027"))
            #expect(page.text.contains("Studio</a>"), "breadcrumbs lead back to the organisation")

            #expect(try await browser.post("/o/studio/projects/\(project)/archive").status == .seeOther)
            #expect(!(try await browser.get("/o/studio/projects").text.contains("Spring Slate 2027")), "archived projects are hidden")
            #expect(try await browser.get("/o/studio/projects?archived=1").text.contains("Spring Slate 2027"))
            #expect(try await browser.post("/o/studio/projects/\(project)/restore").status == .seeOther)
            #expect(try await browser.get("/o/studio/projects").text.contains("Spring Slate 2027"))

            let confirm = try await browser.get("/o/studio/projects/\(project)/delete")
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("1 drama and 1 episode"))
            let deleted = try await browser.post("/o/studio/projects/\(project)/delete")
            #expect(deleted.location == "/o/studio/projects")
            #expect(try await browser.get("/o/studio/projects/\(project)").status == .notFound)
        }
        let remaining = try await database.writer.read { db in
            [try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drama") ?? -1, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode") ?? -1]
        }
        #expect(remaining == [0, 0], "deleting a project deletes its dramas and episodes")
    }

    @Test func projectPageCountsComeFromAggregates() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let project = try await CatalogSteps.project(browser, org: "studio")
            let first = try await CatalogSteps.drama(browser, org: "studio", project: project, title: "One")
            let second = try await CatalogSteps.drama(browser, org: "studio", project: project, title: "Two")
            try await CatalogSteps.episode(browser, org: "studio", drama: first, number: 1, asset: CatalogSteps.asset(1), duration: "120")
            try await CatalogSteps.episode(browser, org: "studio", drama: first, number: 2, asset: CatalogSteps.asset(2), duration: "60")
            try await CatalogSteps.episode(browser, org: "studio", drama: second, number: 1, asset: CatalogSteps.asset(3), duration: "1:30")
            try await CatalogSteps.episode(browser, org: "studio", drama: second, number: 2, asset: CatalogSteps.asset(4))
            let page = try await browser.get("/o/studio/projects/\(project)").text
            #expect(page.contains(#"<span class="stat-value">2</span><span class="stat-label">Dramas</span>"#))
            #expect(page.contains(#"<span class="stat-value">4</span><span class="stat-label">Episodes</span>"#))
            #expect(page.contains(#"<span class="stat-value">4.5 min</span>"#))
            #expect(page.contains(#"<span class="stat-value">1</span><span class="stat-label">Episodes without a duration</span>"#))
            let dashboard = try await browser.get("/o/studio").text
            #expect(dashboard.contains(#"<span class="stat-value">4</span><span class="stat-label">Episodes</span>"#))
        }
    }

    @Test func episodeFormRefusesBadAndDuplicateValuesWithClearMessages() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let project = try await CatalogSteps.project(browser, org: "studio")
            let drama = try await CatalogSteps.drama(browser, org: "studio", project: project)
            #expect(try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 1, asset: CatalogSteps.asset(1)).status == .seeOther)

            let badAsset = try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 2, asset: "VI123456")
            #expect(badAsset.status == .unprocessableContent)
            #expect(badAsset.text.contains("Visual Search video id"))
            #expect(badAsset.text.contains(#"value="VI123456""#))

            let typo = try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 2, asset: "re_1")
            #expect(typo.text.contains("is not an asset id"))

            let sameNumber = try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 1, asset: CatalogSteps.asset(2))
            #expect(sameNumber.status == .unprocessableContent)
            #expect(sameNumber.text.contains("Episode 1 already exists in this drama"))

            let sameAsset = try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 2, asset: CatalogSteps.asset(1))
            #expect(sameAsset.status == .unprocessableContent)
            #expect(sameAsset.text.contains("is already episode 1 of this drama"))
            #expect(sameAsset.text.contains(#"id="field-assetId-error""#))

            let badDuration = try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 2, asset: CatalogSteps.asset(2), duration: "2:99")
            #expect(badDuration.text.contains("Use seconds (312.5) or minutes:seconds (5:12)."))
        }
        let count = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode") }
        #expect(count == 1)
    }

    @Test func theSameAssetMayAppearInAnotherDrama() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let project = try await CatalogSteps.project(browser, org: "studio")
            let first = try await CatalogSteps.drama(browser, org: "studio", project: project, title: "Cut A")
            let second = try await CatalogSteps.drama(browser, org: "studio", project: project, title: "Cut B")
            #expect(try await CatalogSteps.episode(browser, org: "studio", drama: first, number: 1, asset: CatalogSteps.asset(7)).status == .seeOther)
            #expect(try await CatalogSteps.episode(browser, org: "studio", drama: second, number: 1, asset: CatalogSteps.asset(7)).status == .seeOther)
        }
    }

    @Test func dramaFormValidatesTitleAndLanguage() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let project = try await CatalogSteps.project(browser, org: "studio")
            let response = try await browser.post(
                "/o/studio/projects/\(project)/dramas/new", form: [("title", ""), ("language", "<x>"), ("notes", "keep me")]
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Give the drama a title."))
            #expect(response.text.contains("Choose a language."))
            #expect(response.text.contains("keep me"))
            #expect(!response.text.contains("<x>"))
        }
    }

    @Test func episodeListsArePaginatedSortedAndSearchable() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            let project = try await CatalogSteps.project(browser, org: "studio")
            let drama = try await CatalogSteps.drama(browser, org: "studio", project: project)
            let lines = (1...60).map { "\($0) \(CatalogSteps.asset($0)) \(60 + $0) Part \($0)" }.joined(separator: "\n")
            #expect(try await CatalogSteps.importLines(browser, org: "studio", drama: drama, lines).status == .seeOther)

            let first = try await browser.get("/o/studio/dramas/\(drama)").text
            #expect(first.contains("1–50 of 60"))
            #expect(first.contains(">Part 50<") && !first.contains(">Part 51<"))
            #expect(first.contains("Page 1 of 2"))
            let second = try await browser.get("/o/studio/dramas/\(drama)?sort=number&dir=asc&page=2").text
            #expect(second.contains("51–60 of 60"))
            #expect(second.contains(">Part 60<") && !second.contains(">Part 50<"))

            let descending = try await browser.get("/o/studio/dramas/\(drama)?sort=duration&dir=desc").text
            let top = try #require(descending.range(of: ">Part 60<"))
            let next = try #require(descending.range(of: ">Part 59<"))
            #expect(top.lowerBound < next.lowerBound)

            let search = try await browser.get("/o/studio/dramas/\(drama)?q=Part%207").text
            #expect(search.contains("1–1 of 1"))
            #expect(search.contains(">Part 7<"))
            let byNumber = try await browser.get("/o/studio/dramas/\(drama)?q=42").text
            #expect(byNumber.contains(">Part 42<"))

            // Unknown sort keys and absurd pages fall back to safe defaults.
            let odd = try await browser.get("/o/studio/dramas/\(drama)?sort=id;DROP%20TABLE%20episode&page=999")
            #expect(odd.status == .ok)
            #expect(odd.text.contains("of 60"))
        }
    }

    @Test func projectListPaginatesAndSearches() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
            for index in 1...30 { _ = try await CatalogSteps.project(browser, org: "studio", name: String(format: "Show %02d", index)) }
            let page = try await browser.get("/o/studio/projects?sort=name&dir=asc").text
            #expect(page.contains("1–25 of 30"))
            #expect(page.contains(">Show 25<") && !page.contains(">Show 26<"))
            let second = try await browser.get("/o/studio/projects?sort=name&dir=asc&page=2").text
            #expect(second.contains(">Show 30<"))
            let search = try await browser.get("/o/studio/projects?q=show%2007").text
            #expect(search.contains("1–1 of 1"))
            let wildcard = try await browser.get("/o/studio/projects?q=%25").text
            #expect(wildcard.contains("No project matches"), "LIKE wildcards in the search are literal")
        }
    }
}
