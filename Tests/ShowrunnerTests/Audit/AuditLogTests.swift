import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesSimulator
@testable import Showrunner
import Testing

/// Every listed action writes one audit entry, with who, when and from where; admins read it,
/// filtered; entries outlive the member who acted.
@Suite struct AuditLogTests {
    static func count(_ database: AppDatabase, _ action: AuditAction) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = ?", arguments: [action.rawValue]) } ?? 0
    }

    @Test func everyListedActionWritesOneEntry() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: TaskFlowTests.fast) { browser in
                let email = "audit-owner@example.com"
                let (org, drama) = try await TaskSteps.drama(browser, email: email)
                var expected: [AuditAction: Int] = [:]

                _ = try await browser.post("/logout")
                #expect(try await Accounts.logIn(browser, email: email, password: "wrong password!!").status == .unauthorized)
                expected[.signInFailed] = 1
                #expect(try await Accounts.logIn(browser, email: email).status == .seeOther)
                expected[.signIn] = 1

                let key = try await APISteps.createKey(browser, org: org, name: "Audit", role: "manager")
                let keyId = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM apiKey") })
                let spare = try await APISteps.createKey(browser, org: org, name: "Spare")
                #expect(!spare.isEmpty)
                let spareId = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM apiKey") })
                #expect(try await browser.post("/o/\(org)/settings/api-keys/\(spareId)/revoke").status == .seeOther)
                expected[.apiKeyCreated] = 2
                expected[.apiKeyRevoked] = 1
                #expect(keyId != spareId)

                #expect(try await browser.post("/o/\(org)/settings/upstream/keys", form: [("name", "Studio"), ("apiKey", "sk-audit-test-key-123456")]).status == .seeOther)
                let upstreamKey = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM upstreamKey") })
                #expect(try await browser.post("/o/\(org)/settings/upstream/keys/\(upstreamKey)/delete").status == .seeOther)
                expected[.upstreamKeyAdded] = 1
                expected[.upstreamKeyDeleted] = 1

                let invite = try #require(try await Accounts.invite(browser, org: org, role: "member"))
                expected[.memberInvited] = 1
                let member = Browser(client: browser.client)
                try await Accounts.signUp(member, email: "audit-member@example.com", organization: "Member Home")
                #expect(try await member.post(invite).status == .seeOther)
                let membership = try #require(try await database.writer.read { db in
                    try Int64.fetchOne(db, sql: "SELECT m.id FROM membership m JOIN user u ON u.id = m.userId JOIN organization o ON o.id = m.organizationId WHERE u.email = 'audit-member@example.com' AND o.slug = ?", arguments: [org])
                })
                #expect(try await browser.post("/o/\(org)/members/\(membership)/role", form: [("role", "manager")]).status == .seeOther)
                expected[.roleChanged] = 1
                // The member exports before leaving; their entries stay after they are gone.
                #expect(try await member.get("/o/\(org)/dramas/\(drama)/episodes.csv").status == .ok)
                expected[.exported] = 1
                #expect(try await browser.post("/o/\(org)/members/\(membership)/remove").status == .seeOther)
                expected[.memberRemoved] = 1

                let project = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT projectId FROM drama WHERE id = ?", arguments: [drama]) })
                #expect(try await browser.post("/o/\(org)/projects/\(project)/budget", form: [("budget", "500")]).status == .seeOther)
                expected[.budgetChanged] = 1

                let first = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                expected[.taskSubmitted] = 1
                #expect(try await browser.post("/o/\(org)/tasks/\(first)/cancel").status == .seeOther)
                expected[.taskCancelled] = 1
                let resubmit = try await APISteps.call(browser, "/api/v1/tasks/\(first)/resubmit", method: .post, key: key, json: "{}")
                #expect(resubmit.status == .created, "\(resubmit.text)")
                expected[.taskResubmitted] = 1
                let second = try #require(try APISteps.data(resubmit)["id"] as? Int)
                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually { try await TaskSteps.taskStatus(database, id: Int64(second))?.result == "ingested" })
                let episode = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT episodeId FROM storyboardRun WHERE episodeId IS NOT NULL LIMIT 1") })
                let review = try await APISteps.call(browser, "/api/v1/episodes/\(episode)/review", method: .post, key: key, json: #"{"status": "approved"}"#)
                #expect(review.status == .ok, "\(review.text)")
                expected[.reviewDecided] = 1

                #expect(try await browser.post("/o/\(org)/settings/webhooks", form: [("url", "https://8.8.8.8/hook"), ("events", "task.completed")]).status == .ok)
                let endpoint = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM webhookSubscription") })
                #expect(try await browser.post("/o/\(org)/settings/webhooks/\(endpoint)/delete").status == .seeOther)
                expected[.webhookAdded] = 1
                expected[.webhookDeleted] = 1

                for action in AuditAction.allCases {
                    #expect(try await Self.count(database, action) == expected[action, default: 0], "\(action.rawValue)")
                }
                // Who, from where: the API key's entries name the key; addresses are recorded.
                let keyed = try await database.writer.read { db in
                    try Row.fetchOne(db, sql: "SELECT actorApiKeyId, actorLabel FROM auditEvent WHERE action = 'task.resubmitted'")
                }
                #expect(keyed?["actorApiKeyId"] as Int64? == keyId)
                #expect((keyed?["actorLabel"] as String?)?.contains("API key “Audit”") == true)

                // The member is deleted; their export is still on record, by name.
                try await database.writer.write { db in try db.execute(sql: "DELETE FROM user WHERE email = 'audit-member@example.com'") }
                let log = try await browser.get("/o/\(org)/settings/audit")
                #expect(log.status == .ok)
                #expect(log.text.contains("audit-member@example.com"))
                #expect(log.text.contains("Exported the episode list"))
                #expect(log.text.contains("Signed in"), "members' sign-ins are shown")
                let filtered = try await browser.get("/o/\(org)/settings/audit?action=task.cancelled")
                #expect(filtered.text.contains("Cancelled task #\(first)"))
                #expect(!filtered.text.contains("Exported the episode list"))

                // Another organisation's admin sees none of it.
                let other = Browser(client: browser.client)
                let otherOrg = Accounts.slug(from: try await Accounts.signUp(other, email: "audit-other@example.com", organization: "Other Audit"))
                let theirs = try await other.get("/o/\(otherOrg)/settings/audit")
                #expect(!theirs.text.contains("Cancelled task"))
                #expect(!theirs.text.contains(email))
            }
        }
    }

    @Test func onlyAdminsReadTheLog() async throws {
        try await TestApp.run { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "audit-admin@example.com", organization: "Audit Admins"))
            let invite = try #require(try await Accounts.invite(browser, org: org, role: "manager"))
            let manager = Browser(client: browser.client)
            try await Accounts.signUp(manager, email: "audit-manager@example.com", organization: "Manager Home")
            #expect(try await manager.post(invite).status == .seeOther)
            #expect(try await manager.get("/o/\(org)/settings/audit").status == .forbidden)
            #expect(try await browser.get("/o/\(org)/settings/audit").status == .ok)
            let paged = try await browser.get("/o/\(org)/settings/audit?before=abc&since=not-a-date&action=bogus")
            #expect(paged.status == .ok, "bad filters are ignored, not errors")
        }
    }
}
