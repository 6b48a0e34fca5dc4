import Foundation
import HTTPTypes
import GRDB
import HummingbirdTesting
import Showrunner
import Testing

@Suite struct MembershipTests {
    /// Owner Olga of "Crew" invites someone with `role`, who signs up through the link.
    func inviteAndJoin(_ owner: Browser, role: String, email: String) async throws -> Browser {
        let link = try await Accounts.invite(owner, org: "crew", role: role)
        let path = try #require(link)
        let joiner = Browser(client: owner.client)
        let page = try await joiner.get(path)
        #expect(page.status == .ok)
        #expect(page.text.contains("Join Crew"))
        let joined = try await joiner.post(path, form: [("displayName", "New \(role)"), ("email", email), ("password", Accounts.password)])
        #expect(joined.status == .seeOther)
        #expect(joined.location == "/o/crew")
        return joiner
    }

    @Test func inviteLinkAddsTheMemberWithTheRoleAndWorksOnce() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let link = try #require(try await Accounts.invite(owner, org: "crew", role: "manager"))
            let members = try await owner.get("/o/crew/members")
            #expect(members.text.contains("anyone with the link"), "the pending invitation is listed")
            #expect(!members.text.contains(link), "the link itself is shown only once")

            let newcomer = Browser(client: owner.client)
            let joined = try await newcomer.post(link, form: [("displayName", "Mia"), ("email", "mia@example.com"), ("password", Accounts.password)])
            #expect(joined.location == "/o/crew")
            let dashboard = try await newcomer.get("/o/crew")
            #expect(dashboard.text.contains("You are Manager here."))

            let latecomer = Browser(client: owner.client)
            let reused = try await latecomer.get(link)
            #expect(reused.status == .gone)
            #expect(reused.text.contains("already been used"))
            let reusedPost = try await latecomer.post(link, form: [("displayName", "Late"), ("email", "late@example.com"), ("password", Accounts.password)])
            #expect(reusedPost.status == .gone)
        }
        let users = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT email FROM user ORDER BY id") }
        #expect(users == ["olga@example.com", "mia@example.com"], "a dead link creates no account")
    }

    @Test func existingUserJoinsWithOneClickAndInvitationsCanBeRestrictedToAnEmail() async throws {
        try await TestApp.run { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let other = Browser(client: owner.client)
            try await Accounts.signUp(other, email: "sam@example.com", organization: "Sam's Place")

            let forSomeoneElse = try #require(try await Accounts.invite(owner, org: "crew", role: "member", email: "kim@example.com"))
            let refused = try await other.post(forSomeoneElse)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("different email address"))

            let link = try #require(try await Accounts.invite(owner, org: "crew", role: "viewer"))
            let page = try await other.get(link)
            #expect(page.text.contains("Join as sam@example.com"))
            let joined = try await other.post(link)
            #expect(joined.location == "/o/crew")
            #expect(try await other.get("/o/crew").text.contains("You are Viewer here."))
        }
    }

    @Test func expiredAndRevokedInvitationsStopWorking() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let revoked = try #require(try await Accounts.invite(owner, org: "crew", role: "member"))
            let invitationId = try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM invitation") }
            #expect(try await owner.post("/o/crew/invitations/\(invitationId ?? 0)/revoke").status == .seeOther)
            let visitor = Browser(client: owner.client)
            #expect(try await visitor.get(revoked).status == .gone)

            let expired = try #require(try await Accounts.invite(owner, org: "crew", role: "member"))
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE invitation SET expiresAt = '2000-01-01 00:00:00.000' WHERE revokedAt IS NULL")
            }
            let page = try await visitor.get(expired)
            #expect(page.status == .gone)
            #expect(page.text.contains("expired"))
            #expect(try await visitor.get("/invite/not-a-real-token").status == .notFound)
        }
    }

    @Test func viewersAndMembersCannotManageMembers() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let viewer = try await inviteAndJoin(owner, role: "viewer", email: "vic@example.com")
            let member = try await inviteAndJoin(owner, role: "member", email: "max@example.com")
            let ownerMembership = try await database.writer.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM membership WHERE role = 'owner'")
            } ?? 0

            for browser in [viewer, member] {
                let invite = try await browser.post("/o/crew/invitations", form: [("role", "admin")])
                #expect(invite.status == .forbidden)
                #expect(invite.text.contains("does not allow this"))
                #expect(try await browser.post("/o/crew/members/\(ownerMembership)/role", form: [("role", "viewer")]).status == .forbidden)
                #expect(try await browser.post("/o/crew/members/\(ownerMembership)/remove").status == .forbidden)
                let page = try await browser.get("/o/crew/members")
                #expect(page.status == .ok)
                #expect(!page.text.contains("Create invite link"))
            }
        }
        let state = try await database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invitation WHERE acceptedAt IS NULL") ?? -1,
             try String.fetchAll(db, sql: "SELECT role FROM membership ORDER BY id"))
        }
        #expect(state.0 == 0)
        #expect(state.1 == ["owner", "viewer", "member"])
    }

    @Test func adminsManageRolesButOnlyOwnersManageOwners() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let admin = try await inviteAndJoin(owner, role: "admin", email: "ada@example.com")
            _ = try await inviteAndJoin(owner, role: "member", email: "max@example.com")
            let ids = try await database.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM membership ORDER BY id") }
            let (ownerId, memberId) = (ids[0], ids[2])

            #expect(try await admin.post("/o/crew/members/\(memberId)/role", form: [("role", "manager")]).status == .seeOther)
            #expect(try await admin.post("/o/crew/members/\(memberId)/role", form: [("role", "owner")]).status == .forbidden)
            #expect(try await admin.post("/o/crew/members/\(ownerId)/role", form: [("role", "viewer")]).status == .forbidden)
            #expect(try await admin.post("/o/crew/invitations", form: [("role", "owner")]).status == .unprocessableContent)
            let bogus = try await admin.post("/o/crew/members/\(memberId)/role", form: [("role", "emperor")])
            #expect(bogus.status == .badRequest)

            // The last owner can neither step down nor leave.
            let demote = try await owner.post("/o/crew/members/\(ownerId)/role", form: [("role", "admin")])
            #expect(demote.status == .forbidden || demote.status == .conflict)
            let leave = try await owner.post("/o/crew/members/\(ownerId)/remove")
            #expect(leave.status == .conflict)
            #expect(leave.text.contains("at least one owner"))

            #expect(try await admin.post("/o/crew/members/\(memberId)/remove").status == .seeOther)
        }
        let roles = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT role FROM membership ORDER BY id") }
        #expect(roles == ["owner", "admin"])
    }

    @Test func inviteFormErrorsKeepInput() async throws {
        try await TestApp.run { owner in
            try await Accounts.signUp(owner, email: "olga@example.com", organization: "Crew")
            let response = try await owner.post("/o/crew/invitations", form: [("email", "broken@"), ("role", "manager")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Enter an email address like name@example.com."))
            #expect(response.text.contains(#"value="broken@""#))
            #expect(response.text.contains(#"<option value="manager" selected>"#))
        }
    }
}
