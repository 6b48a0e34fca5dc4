import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import Showrunner
import Testing

/// Full-text search over current storyboards: Chinese words, English prefixes and phrases,
/// escaping, tenancy and keeping the index equal to the current runs.
@Suite struct SearchTests {
    /// Known dialogue in episode 1's first lines (the rest is the simulator's).
    static let lines = [
        "顾总，您的咖啡。", "妈妈，我不想离婚！", "总裁办公室里一片安静。", "The CEO signs the contract.", "<b>总裁</b> & \"夫人\"",
    ]

    static func zip(lines: [String] = lines) throws -> URL {
        let results = IngestFixtures.generated(episodes: IngestedDrama.episodes)
        let entries = try IngestFixtures.jsonEntries(results, transcript: { transcript in
            guard transcript.episode == "1" else { return }
            for (index, text) in lines.enumerated() where index < transcript.lines.count {
                transcript.lines[index].text = text
            }
        })
        return try IngestFixtures.craftedZip(entries)
    }

    static func search(_ browser: Browser, _ drama: IngestedDrama, _ query: String, project: Int64? = nil) async throws -> TestResponse {
        var path = "/o/\(drama.org)/search?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        if let project { path += "&project=\(project)" }
        return try await browser.get(path)
    }

    @Test func chineseWordsAndEnglishPrefixesAndPhrasesAreFound() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try Self.zip())
            let storyboard = drama.storyboardPath()
            for (query, line) in [("总裁", 3), ("妈妈", 2), ("顾总", 1), ("离婚", 2), ("ceo*", 4), ("\"signs the contract\"", 4), ("CEO", 4)] {
                let page = try await Self.search(browser, drama, query)
                #expect(page.status == .ok)
                #expect(page.text.contains("href=\"\(storyboard)#line-\(line)\""), "\(query) should find line \(line)")
            }
            let mom = try await Self.search(browser, drama, "妈妈")
            #expect(mom.text.contains("<mark>妈妈</mark>"))
            let boss = try await Self.search(browser, drama, "总裁")
            #expect(boss.text.contains("<mark>总裁</mark>办公室"))
            #expect(!(try await Self.search(browser, drama, "\"contract signs\"")).text.contains("#line-4\""))
            #expect((try await Self.search(browser, drama, "总监")).text.contains("No matches."))
            // Exclusion and project scope.
            let excluded = try await Self.search(browser, drama, "总裁 -办公室")
            #expect(!excluded.text.contains("#line-3\""))
            #expect(excluded.text.contains("#line-5\""))
            #expect((try await Self.search(browser, drama, "总裁", project: drama.projectId)).text.contains("#line-3\""))
        }
    }

    @Test func highlightingEscapesTheTextAroundAndInsideMatches() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try Self.zip())
            let page = try await Self.search(browser, drama, "夫人")
            #expect(page.text.contains("&lt;b&gt;总裁&lt;/b&gt; &amp; &quot;<mark>夫人</mark>&quot;"))
            #expect(!page.text.contains("<b>总裁"))
            // Operators and punctuation typed by a user are text, never an error.
            for query in ["AND", "\"", "NEAR(", "body:x", "^总", "(((", "*", "-", "'; DROP TABLE user; --"] {
                #expect(try await Self.search(browser, drama, query).status == .ok, "\(query)")
            }
        }
    }

    @Test func searchIsScopedToTheOrganisation() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try Self.zip())
            let outsider = Browser(client: browser.client)
            let rival = try await IngestedDrama.make(outsider, database: database, title: "Rival drama")
            let theirs = try await Self.search(outsider, rival, "顾总")
            #expect(!theirs.text.contains("/episodes/\(drama.firstEpisode)/"))
            // Someone else's project id is not a filter that leaks: it is not found.
            #expect(try await Self.search(outsider, rival, "总裁", project: drama.projectId).status == .notFound)
            #expect(try await outsider.get("/o/\(drama.org)/search?q=总裁").status == .notFound)
        }
    }

    @Test func theIndexFollowsTheCurrentRunAndDeletedEpisodes() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, zip: try Self.zip())
            let first = try await ReviewTests.currentRun(database, episode: drama.firstEpisode)
            // Each search below was ranked (and kept by SearchResultsCache) before the change
            // that must hide or show it: the kept ranking may not outlive the change.
            #expect((try await Self.search(browser, drama, "顾总")).text.contains("#line-1\""))
            #expect((try await Self.search(browser, drama, "董事长")).text.contains("No matches."))
            _ = try await drama.ingest(try Self.zip(lines: ["全新的台词：董事长来了。"]), database: database)
            #expect(!(try await Self.search(browser, drama, "顾总")).text.contains("#line-1\""))
            #expect((try await Self.search(browser, drama, "董事长")).text.contains("#line-1\""))
            let chose = try await browser.post("/o/\(drama.org)/episodes/\(drama.firstEpisode)/current-run", form: [("run", "\(first)")])
            #expect(chose.status == .seeOther)
            #expect((try await Self.search(browser, drama, "顾总")).text.contains("#line-1\""))
            #expect((try await Self.search(browser, drama, "董事长")).text.contains("No matches."))
            try await database.writer.write { db in
                try db.execute(sql: "DELETE FROM episode WHERE id = ?", arguments: [drama.firstEpisode])
            }
            #expect((try await Self.search(browser, drama, "顾总")).text.contains("No matches."))
            let orphans = try await database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardSearch WHERE rowid NOT IN (SELECT id FROM searchEntry)") ?? -1
            }
            #expect(orphans == 0)
        }
    }
}
