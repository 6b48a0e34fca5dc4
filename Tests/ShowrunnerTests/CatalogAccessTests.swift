import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

@Suite struct CatalogAccessTests {
    @Test func anotherOrganizationCannotSeeEditImportOrDeleteTheCatalog() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { alice in
            try await Accounts.signUp(alice, email: "alice@example.com", organization: "Alpha")
            let project = try await CatalogSteps.project(alice, org: "alpha", name: "Secret Slate")
            let drama = try await CatalogSteps.drama(alice, org: "alpha", project: project, title: "Secret Drama")
            try await CatalogSteps.episode(alice, org: "alpha", drama: drama, number: 1, asset: CatalogSteps.asset(1))
            let episode = try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM episode") } ?? 0

            let bob = Browser(client: alice.client)
            try await Accounts.signUp(bob, email: "bob@example.com", organization: "Beta")
            // Alice's ids under Bob's own organisation: still not found.
            for path in [
                "/o/beta/projects/\(project)", "/o/beta/projects/\(project)/edit", "/o/beta/projects/\(project)/delete",
                "/o/beta/dramas/\(drama)", "/o/beta/dramas/\(drama)/import", "/o/beta/dramas/\(drama)/episodes.csv",
                "/o/beta/episodes/\(episode)/edit", "/o/alpha/projects/\(project)", "/o/alpha/projects",
            ] {
                let response = try await bob.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("Secret"), "\(path)")
            }
            for (path, form) in [
                ("/o/beta/projects/\(project)/edit", [("name", "Hijacked")]),
                ("/o/beta/projects/\(project)/archive", []),
                ("/o/beta/projects/\(project)/delete", []),
                ("/o/beta/projects/\(project)/dramas/new", [("title", "Planted"), ("language", "en")]),
                ("/o/beta/dramas/\(drama)/edit", [("title", "Hijacked"), ("language", "en")]),
                ("/o/beta/dramas/\(drama)/delete", []),
                ("/o/beta/dramas/\(drama)/episodes/new", [("number", "2"), ("assetId", CatalogSteps.asset(2))]),
                ("/o/beta/dramas/\(drama)/import", [("content", "2 \(CatalogSteps.asset(2)) 60 Planted")]),
                ("/o/beta/episodes/\(episode)/edit", [("number", "9"), ("assetId", CatalogSteps.asset(9))]),
                ("/o/beta/episodes/\(episode)/delete", []),
            ] as [(String, [(String, String)])] {
                #expect(try await bob.post(path, form: form).status == .notFound, "\(path)")
            }
        }
        let state = try await database.writer.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM project"), try String.fetchAll(db, sql: "SELECT title FROM drama"),
                try Int.fetchAll(db, sql: "SELECT number FROM episode"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM project WHERE archivedAt IS NOT NULL")
            )
        }
        #expect(state.0 == ["Secret Slate"])
        #expect(state.1 == ["Secret Drama"])
        #expect(state.2 == [1])
        #expect(state.3 == 0)
    }

    @Test func viewersReadMembersEditOnlyAdminsDeleteProjects() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let project = try await CatalogSteps.project(owner, org: "crew")
            let drama = try await CatalogSteps.drama(owner, org: "crew", project: project)

            let viewerLink = try #require(try await Accounts.invite(owner, org: "crew", role: "viewer"))
            let viewer = Browser(client: owner.client)
            try await viewer.post(viewerLink, form: [("displayName", "Vic"), ("email", "vic@example.com"), ("password", Accounts.password)])
            let memberLink = try #require(try await Accounts.invite(owner, org: "crew", role: "member"))
            let member = Browser(client: owner.client)
            try await member.post(memberLink, form: [("displayName", "Max"), ("email", "max@example.com"), ("password", Accounts.password)])

            let page = try await viewer.get("/o/crew/dramas/\(drama)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("Add episode"), "viewers see no edit buttons")
            #expect(try await viewer.get("/o/crew/dramas/\(drama)/episodes.csv", accept: "text/csv").status == .ok)
            #expect(try await viewer.post("/o/crew/projects/new", form: [("name", "Nope")]).status == .forbidden)
            #expect(try await CatalogSteps.episode(viewer, org: "crew", drama: drama, number: 1, asset: CatalogSteps.asset(1)).status == .forbidden)
            #expect(try await viewer.post("/o/crew/dramas/\(drama)/import", form: [("content", "1 \(CatalogSteps.asset(1))")]).status == .forbidden)

            #expect(try await CatalogSteps.episode(member, org: "crew", drama: drama, number: 1, asset: CatalogSteps.asset(1)).status == .seeOther)
            #expect(try await member.get("/o/crew/projects/\(project)/delete").status == .forbidden)
            #expect(try await member.post("/o/crew/projects/\(project)/delete").status == .forbidden)
            #expect(try await member.post("/o/crew/dramas/\(drama)/delete").status == .forbidden)
            #expect(try await owner.post("/o/crew/projects/\(project)/delete").status == .seeOther)
        }
        let projects = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM project") }
        #expect(projects == 0)
    }

    @Test func databaseRefusesAnEpisodeFiledUnderAnotherOrganization() async throws {
        let database = try TestApp.database()
        #expect(throws: (any Error).self) {
            try database.writer.write { db in
                try db.execute(sql: "INSERT INTO organization (slug, name, createdAt) VALUES ('a', 'A', '2026-01-01'), ('b', 'B', '2026-01-01')")
                try db.execute(sql: "INSERT INTO project (organizationId, name, createdAt, updatedAt) VALUES (1, 'P', '2026-01-01', '2026-01-01')")
                try db.execute(
                    sql: "INSERT INTO drama (organizationId, projectId, title, createdAt, updatedAt) VALUES (2, 1, 'D', '2026-01-01', '2026-01-01')"
                )
            }
        }
    }
}
