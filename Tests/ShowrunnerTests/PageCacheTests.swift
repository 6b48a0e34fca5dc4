import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
@testable import Showrunner
import Synchronization
import Testing

/// Rendered tenant pages kept in memory (`PageCache`) while the organisation's page generation
/// (migration 0018) stands still.
@Suite struct PageCacheTests {
    /// Every statement the app runs, for the tables each page reads.
    final class StatementLog: Sendable {
        private let statements = Mutex<[String]>([])
        func record(_ sql: String) { statements.withLock { $0.append(sql) } }
        func take() -> [String] { statements.withLock { log in defer { log = [] }; return log } }
    }

    /// Tables the session query reads: per request, never part of what a kept page shows
    /// except through `ViewerText` (and membership and names bump the generation anyway).
    static let perRequestTables: Set<String> = ["session", "user", "organization", "membership", "pageGeneration"]
    /// Read by kept pages without triggers of their own, and why that is safe (the migration says
    /// the same): the storyboard's rows are written only in the transaction that inserts their
    /// run and deleted only with it; the search index changes only with searchGeneration.
    static let coveredByParent: Set<String> = [
        "storyboardScene", "storyboardShot", "dialogueLine", "sceneCharacter", "shotCharacter",
        "searchEntry", "searchGeneration",
    ]

    @Test func everyTableAKeptPageReadsBumpsTheGenerationAndAHitReadsOnlyTheSession() async throws {
        let log = StatementLog()
        let database = try AppDatabase.inMemory(migrationsDirectory: TestApp.migrations, logger: TestApp.logger) { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { log.record(statement.sql) }
            }
        }
        try await TestApp.run(database: database) { browser in
            let drama = try await IngestedDrama.make(browser, database: database, language: "en")
            let term = try await database.writer.read { db in
                try String.fetchOne(db, sql: "SELECT text FROM dialogueLine ORDER BY id LIMIT 1")
            }
            let word = try #require(term?.split(separator: " ").first.map(String.init))
            let o = "/o/\(drama.org)"
            let pages = [
                o, "\(o)/projects", "\(o)/projects/\(drama.projectId)", "\(o)/dramas/\(drama.dramaId)", "\(o)/tasks",
                "\(o)/tasks/\(drama.taskId)", drama.storyboardPath(), "\(o)/episodes/\(drama.firstEpisode)/transcript",
                "\(o)/search?q=\(word.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
            ]
            let (triggers, ftsTables) = try await database.writer.read { db in
                (
                    Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_bumps_page_generation'")),
                    // The full-text index, its shadow tables and its vocabulary view: searchGeneration's.
                    Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'storyboardSearch%'"))
                )
            }
            var tracked: Set<String> = ["user", "organization"]  // update triggers only: names, renames, deletes
            for trigger in triggers {
                guard let table = trigger.components(separatedBy: "_").first,
                      ["insert", "update", "delete"].allSatisfy({ triggers.contains("\(table)_\($0)_bumps_page_generation") })
                else { continue }
                tracked.insert(table)
            }
            #expect(triggers.contains("user_update_bumps_page_generation"))
            #expect(triggers.contains("organization_update_bumps_page_generation"))
            #expect(triggers.contains("searchGeneration_update_bumps_page_generation"))

            // A second owner, to hold each kept page's viewer values to the viewer.
            let other = Browser(client: browser.client)
            try await Accounts.signUp(other, email: "second-owner@example.com", name: "Second <Owner>", organization: "Elsewhere")
            let emails = try await database.writer.write { db in
                let otherId = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE email = 'second-owner@example.com'"))
                try db.execute(
                    sql: "INSERT INTO membership (organizationId, userId, role, createdAt) VALUES (?, ?, 'owner', ?)",
                    arguments: [drama.organizationId, otherId, Date()])
                return try String.fetchAll(db, sql: """
                    SELECT u.email FROM user u JOIN membership m ON m.userId = u.id
                    WHERE m.organizationId = ? ORDER BY u.id
                    """, arguments: [drama.organizationId])
            }
            #expect(emails.count == 2)
            _ = try await other.get(o)
            let firstToken = try #require(await browser.csrfToken)
            let otherToken = try #require(await other.csrfToken)
            _ = try await browser.get(o)  // shows (and so ends) the last flash message
            for path in pages {
                _ = log.take()
                let first = try await browser.get(path)
                #expect(first.status == .ok, "\(path)")
                let read = try await Self.tablesRead(by: log.take(), in: database)
                #expect(read.subtracting(Self.perRequestTables).isEmpty == false, "\(path) rendered without reading its data")
                let untracked = read.subtracting(tracked).subtracting(Self.perRequestTables).subtracting(Self.coveredByParent).subtracting(ftsTables)
                #expect(untracked.isEmpty, "\(path) reads \(untracked.sorted()), which no trigger bumps the page generation for")

                let second = try await browser.get(path)
                #expect(second.status == .ok)
                #expect(second.text == first.text, "\(path) served from memory is the same page")
                let hit = try await Self.tablesRead(by: log.take(), in: database)
                #expect(hit.isSubset(of: Self.perRequestTables), "\(path) read \(hit.sorted()) although nothing changed")

                // The same kept page for the other owner, with their token, name and address.
                let theirs = try await other.get(path).text
                #expect(try await Self.tablesRead(by: log.take(), in: database).isSubset(of: Self.perRequestTables), "\(path) kept for the role")
                #expect(theirs.contains("value=\"\(otherToken)\""), "\(path)")
                #expect(!theirs.contains(firstToken), "\(path) leaks the first viewer's token")
                #expect(theirs.contains("Second &lt;Owner&gt;"), "\(path)")
                // (The name as the top bar shows it: pages also list members' names as content.)
                let mappedBack = theirs.replacingOccurrences(of: otherToken, with: firstToken)
                    .replacingOccurrences(of: "title=\"\(emails[1])\">Second &lt;Owner&gt;</a>", with: "title=\"\(emails[0])\">Test User</a>")
                #expect(mappedBack == first.text, "\(path): only the viewer's values differ")
            }

            // Bookkeeping writes (leases, polls, video fetch leases) leave the kept pages alone;
            // what the pages show moves the counter.
            func generation() async throws -> Int64 {
                try await database.writer.read { db in
                    try Int64.fetchOne(db, sql: "SELECT generation FROM pageGeneration WHERE organizationId = ?", arguments: [drama.organizationId]) ?? 0
                }
            }
            let before = try await generation()
            try await database.writer.write { db in
                try db.execute(sql: """
                    UPDATE task SET leaseOwner = 'worker', leaseExpiresAt = ?, claimedAt = ?, nextCheckAt = ?,
                           checkFailures = checkFailures + 1, downloadAttempts = downloadAttempts + 1, checkRequestedAt = ?
                    WHERE id = ?
                    """, arguments: [Date(), Date(), Date(), Date(), drama.taskId])
                try db.execute(sql: """
                    INSERT INTO videoFetch (episodeId, organizationId, assetId, leaseOwner, leaseExpiresAt)
                    SELECT id, organizationId, assetId, 'worker', ? FROM episode WHERE id = ?
                    """, arguments: [Date(), drama.firstEpisode])
            }
            #expect(try await generation() == before)
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE videoFetch SET failure = 'gone', failedAt = ? WHERE episodeId = ?", arguments: [Date(), drama.firstEpisode])
            }
            #expect(try await generation() == before + 1)
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE task SET errorMessage = 'shown' WHERE id = ?", arguments: [drama.taskId])
            }
            #expect(try await generation() == before + 2)
        }
    }

    /// Columns of `task` that only the tracker reads; every other column must move the counter.
    static let taskBookkeeping: Set<String> = [
        "nextCheckAt", "checkFailures", "downloadAttempts", "checkRequestedAt", "claimedAt", "leaseOwner", "leaseExpiresAt",
    ]

    @Test func theTaskTriggerWatchesEveryColumnButTheTrackersBookkeeping() async throws {
        let database = try TestApp.database()
        let (columns, trigger) = try await database.writer.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('task')"),
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'task_update_bumps_page_generation'") ?? ""
            )
        }
        #expect(columns.count > 30)
        for column in columns {
            let watched = trigger.contains("OLD.\(column) IS NOT NEW.\(column)")
            #expect(watched != Self.taskBookkeeping.contains(column), "task.\(column): a migration adding a shown column must add it to the trigger")
        }
    }

    @Test func aKeptPageIsServedWhileTheGenerationStandsStillAndRenderedAgainWhenItMoves() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            try await Accounts.signUp(browser, email: "olga@example.com", organization: "Crew")
            let project = try await CatalogSteps.project(browser, org: "crew")
            let drama = try await CatalogSteps.drama(browser, org: "crew", project: project, title: "Old Title")
            let path = "/o/crew/dramas/\(drama)"
            #expect(try await browser.get(path).text.contains("Drama created"), "a page with a flash is not kept")
            #expect(try await browser.get(path).text.contains("Old Title"))

            // A write that leaves the counter where it was is not seen: the page really is kept.
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE drama SET title = 'Hidden Title' WHERE id = ?", arguments: [drama])
                try db.execute(sql: "UPDATE pageGeneration SET generation = generation - 1")
            }
            let kept = try await browser.get(path).text
            #expect(kept.contains("Old Title"))
            #expect(!kept.contains("Hidden Title"))

            // Any write through the app, or by another process on the file, moves it.
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE drama SET title = 'New Title' WHERE id = ?", arguments: [drama])
            }
            let fresh = try await browser.get(path).text
            #expect(fresh.contains("New Title"))
            #expect(!fresh.contains("Old Title"))
        }
    }

    /// Owner Olga of "Crew" invites someone with `role`, who signs up as `name` and opens the dashboard once
    /// (its welcome flash shown there, never kept).
    static func join(_ owner: Browser, role: String, name: String, email: String) async throws -> Browser {
        let link = try #require(try await Accounts.invite(owner, org: "crew", role: role))
        let joiner = Browser(client: owner.client)
        let joined = try await joiner.post(link, form: [("displayName", name), ("email", email), ("password", Accounts.password)])
        #expect(joined.status == .seeOther)
        _ = try await joiner.get("/o/crew")
        return joiner
    }

    /// Owner Olga signs up "Crew" and makes a project; returns its id and page.
    static func crewProject(_ owner: Browser) async throws -> (id: Int64, path: String) {
        try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
        let project = try await CatalogSteps.project(owner, org: "crew")
        return (project, "/o/crew/projects/\(project)")
    }

    @Test func anotherMemberGetsTheKeptPageWithTheirOwnTokenAndName() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            let (project, path) = try await Self.crewProject(owner)
            let first = try await Self.join(owner, role: "member", name: "Max <Member>", email: "max@example.com")
            let second = try await Self.join(owner, role: "member", name: "Mia & Co", email: "mia@example.com")

            let firstPage = try await first.get(path).text
            let secondPage = try await second.get(path).text
            let firstToken = try #require(await first.csrfToken)
            let secondToken = try #require(await second.csrfToken)
            #expect(firstToken != secondToken)
            #expect(firstPage.contains("value=\"\(firstToken)\""))
            #expect(firstPage.contains("Max &lt;Member&gt;"))
            #expect(secondPage.contains("value=\"\(secondToken)\""), "the kept page carries the second member's CSRF token")
            #expect(!secondPage.contains(firstToken))
            #expect(secondPage.contains("Mia &amp; Co"))
            #expect(secondPage.contains("title=\"mia@example.com\""))
            #expect(!secondPage.contains("Max"))
            // Apart from the viewer's values, the same page.
            let normalise = { (html: String, token: String, name: String, email: String) in
                html.replacingOccurrences(of: token, with: "TOKEN").replacingOccurrences(of: name, with: "NAME")
                    .replacingOccurrences(of: email, with: "EMAIL")
            }
            #expect(normalise(firstPage, firstToken, "Max &lt;Member&gt;", "max@example.com")
                == normalise(secondPage, secondToken, "Mia &amp; Co", "mia@example.com"))

            // A state-changing form on the kept page works for the second member.
            let archived = try await second.post("/o/crew/projects/\(project)/archive", form: [])
            #expect(archived.status == .seeOther)
            #expect(try await second.get(path).text.contains("archived"))
        }
    }

    @Test func rolesGetTheirOwnPagesAndFlashMessagesAreNeverKept() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            let (project, path) = try await Self.crewProject(owner)
            let viewer = try await Self.join(owner, role: "viewer", name: "Vic", email: "vic@example.com")

            let ownersPage = try await owner.get(path).text
            #expect(ownersPage.contains("/o/crew/projects/\(project)/archive"))
            let viewersPage = try await viewer.get(path).text
            #expect(!viewersPage.contains("/o/crew/projects/\(project)/archive"), "a viewer never gets the owner's buttons")

            // The page after an action shows its flash once; the flash is not kept with the page.
            let updated = try await owner.post(
                "/o/crew/projects/\(project)/edit", form: [("name", "Autumn Slate"), ("description", "")])
            #expect(updated.status == .seeOther)
            let withFlash = try await owner.get(path).text
            #expect(withFlash.contains("flash-"))
            #expect(withFlash.contains("Autumn Slate"))
            let after = try await owner.get(path).text
            #expect(!after.contains("role=\"status\""))
            #expect(after.contains("Autumn Slate"))
        }
    }

    @Test func theCacheKeepsWithinItsBytesAndCanBeTurnedOff() async throws {
        let cache = PageCache(byteLimit: 64 * 1024)
        let viewer = ViewerValues(csrfToken: "t", displayName: "n", email: "e")
        for index in 0..<40 {
            let html = try await cache.page(uri: "/o/a/\(index)", organizationId: 1, role: .owner, generation: 1, viewer: viewer, hasFlash: false) {
                HTML(bytes: Array(repeating: UInt8(ascii: "a"), count: 4 * 1024), viewerHoles: [])
            }
            #expect(html.bytes.count == 4 * 1024)
        }
        #expect(cache.usage.bytes <= 64 * 1024)
        #expect(cache.usage.pages < 40)
        var renders = 0
        let off = PageCache(byteLimit: 0)
        for _ in 0..<2 {
            _ = try await off.page(uri: "/o/a", organizationId: 1, role: .owner, generation: 1, viewer: viewer, hasFlash: false) {
                renders += 1
                return HTML(bytes: [1, 2, 3], viewerHoles: [])
            }
        }
        #expect(renders == 2)

        // Pages that read the clock (this month's spend) are rendered again after the maximum age.
        for (age, expected) in [(Duration.zero, 3), (.seconds(3_600), 1)] {
            let cache = PageCache(byteLimit: 1 << 20, maximumAge: age)
            var renders = 0
            for _ in 0..<3 {
                _ = try await cache.page(uri: "/o/a", organizationId: 1, role: .owner, generation: 1, viewer: viewer, hasFlash: false) {
                    renders += 1
                    return HTML(bytes: [1, 2, 3], viewerHoles: [])
                }
            }
            #expect(renders == expected, "maximum age \(age)")
        }
    }

    @Test func viewerValuesAreNotedWhereTheyAreWrittenAndNeverLeakAsPlainText() {
        let token = ViewerText(.csrfToken, "secret<token>")
        #expect(!"\(token)".contains("secret"), "interpolation must not turn the value into page text")
        var out = HTMLWriter()
        out.text("<p>\n")
        let tokenStart = out.count
        token.writeEscaped(to: &out)
        out.indentToken(from: tokenStart, scopeStart: 0, indentation: "  ")
        #expect(String(decoding: out.bytes, as: UTF8.self) == "<p>\n  secret&lt;token&gt;")
        let hole = try? #require(out.viewerHoles.first)
        #expect(hole?.start == 6 && hole?.end == out.count, "the hole moved with the indentation")
        #expect(!out.hasUnkeptViewerText)
        token.writeRaw(to: &out)
        #expect(out.hasUnkeptViewerText, "a triple mustache of a viewer value makes the page the viewer's alone")

        let kept = PageCache.html(
            .init(generation: 1, bytes: out.bytes, holes: out.viewerHoles, renderedAt: .now, lastUsed: 0),
            for: ViewerValues(csrfToken: "other&", displayName: "", email: ""))
        #expect(kept.content.hasPrefix("<p>\n  other&amp;secret<token>"))
    }

    /// The tables `statements` read, from each statement's region as SQLite's authorizer reports it.
    static func tablesRead(by statements: [String], in database: AppDatabase) async throws -> Set<String> {
        try await database.writer.read { db in
            // Views count through the tables under them.
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            var read: Set<String> = []
            for sql in statements where !sql.hasPrefix("--") {
                guard let statement = try? db.makeStatement(sql: sql) else { continue }
                for table in tables where statement.databaseRegion.isModified(byEventsOfKind: .delete(tableName: table)) {
                    read.insert(table)
                }
            }
            return read
        }
    }
}
