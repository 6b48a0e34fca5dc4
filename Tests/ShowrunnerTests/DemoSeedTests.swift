import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesSimulator
import Showrunner
import Testing

@Suite struct DemoSeedTests {
    @Test func demoSeedCreatesAPopulatedOrganizationWithKnownAssets() async throws {
        let database = try TestApp.database()
        let result = try await DemoSeed.run(database: database, passwordHash: "not-a-real-hash")
        #expect(result.projects >= 3)
        #expect(result.dramas >= 10)
        #expect(result.episodes >= 500)

        let assetIds = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT assetId FROM episode") }
        #expect(assetIds.count == result.episodes)
        #expect(assetIds.allSatisfy { DemoAssets.asset(id: $0) != nil }, "the simulator knows every seeded asset")
        let tooLong = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode WHERE durationSeconds >= 300 OR durationSeconds IS NULL")
        }
        #expect(tooLong == 0)

        // A second run changes nothing.
        await #expect(throws: DemoSeed.Failure.self) { _ = try await DemoSeed.run(database: database, passwordHash: "x") }
        let episodes = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode") }
        #expect(episodes == result.episodes)
    }

    @Test func demoDashboardRendersFromTheSeed() async throws {
        let database = try TestApp.database()
        let hash = try await PasswordHasher(cost: 4).hash(Accounts.password)
        let result = try await DemoSeed.run(database: database, passwordHash: hash)
        try await TestApp.run(database: database) { browser in
            #expect(try await Accounts.logIn(browser, email: DemoSeed.email).location == "/")
            let page = try await browser.get("/o/\(result.organizationSlug)")
            #expect(page.status == .ok)
            #expect(page.text.contains("<span class=\"stat-value\">\(result.episodes)</span><span class=\"stat-label\">Episodes</span>"))
            #expect(page.text.contains("Spring Slate 2027"))
        }
    }
}
