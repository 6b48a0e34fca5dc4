import Foundation
import HTTPTypes
import GRDB
import HummingbirdTesting
import Showrunner
import Testing

@Suite struct TenancyTests {
    @Test func anotherOrganizationsPagesAnswer404() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { alice in
            try await Accounts.signUp(alice, email: "alice@example.com", organization: "Alpha Studio")
            let bob = Browser(client: alice.client)
            try await Accounts.signUp(bob, email: "bob@example.com", organization: "Beta Studio")

            for path in ["/o/alpha-studio", "/o/alpha-studio/members"] {
                let response = try await bob.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("Alpha Studio"))
            }
            // Same answer for an organisation that does not exist at all.
            #expect(try await bob.get("/o/no-such-org").status == .notFound)

            let invite = try await bob.post("/o/alpha-studio/invitations", form: [("role", "admin")])
            #expect(invite.status == .notFound)
            let aliceMembership = try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT m.id FROM membership m JOIN user u ON u.id = m.userId WHERE u.email = 'alice@example.com'")
            }
            let remove = try await bob.post("/o/alpha-studio/members/\(aliceMembership ?? 0)/remove")
            #expect(remove.status == .notFound)
            // Bob's own organisation with Alice's membership id: still not found.
            let crossId = try await bob.post("/o/beta-studio/members/\(aliceMembership ?? 0)/role", form: [("role", "viewer")])
            #expect(crossId.status == .notFound)
        }
        let state = try await database.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invitation") ?? -1,
                try String.fetchAll(db, sql: "SELECT role FROM membership ORDER BY id")
            )
        }
        #expect(state.0 == 0)
        #expect(state.1 == ["owner", "owner"])
    }

    @Test func userCanBelongToSeveralOrganizationsAndSwitch() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "multi@example.com", organization: "First Org")
            let created = try await browser.post("/orgs/new", form: [("name", "Second Org")])
            #expect(created.location == "/o/second-org")
            let list = try await browser.get("/orgs")
            #expect(list.text.contains("First Org") && list.text.contains("Second Org"))
            // Opening an organisation makes it the one `/` returns to.
            #expect(try await browser.get("/o/first-org").status == .ok)
            #expect(try await browser.get("/").location == "/o/first-org")
            #expect(try await browser.get("/o/second-org").status == .ok)
            #expect(try await browser.get("/").location == "/o/second-org")
        }
    }

    @Test func organizationNamesGetUniqueSlugs() async throws {
        try await TestApp.run { browser in
            try await Accounts.signUp(browser, email: "slug@example.com", organization: "Same Name")
            #expect(try await browser.post("/orgs/new", form: [("name", "Same Name")]).location == "/o/same-name-2")
            #expect(try await browser.post("/orgs/new", form: [("name", "短剧工作室")]).location == "/o/org")
        }
    }
}
