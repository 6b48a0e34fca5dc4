import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
@testable import Showrunner
import Testing

/// Showrunner API keys: created once on the page, stored as a hash, and refused the moment
/// they are revoked, expired, read-only for a write, or beyond their role.
@Suite struct APIKeyTests {
    @Test func keyIsShownOnceStoredHashedAndRevokedAtOnce() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "keys@example.com", organization: "Key Studio"))
            let secret = try await APISteps.createKey(browser, org: org, name: "Import script")
            #expect(secret.hasPrefix("shr_") && secret.count > 40)
            let listed = try await browser.get("/o/\(org)/settings/api-keys")
            #expect(listed.text.contains("Import script"))
            #expect(listed.text.contains(String(secret.prefix(12)) + "…"))
            #expect(!listed.text.contains(secret), "the secret is never shown again")
            let hash = try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT secretHash FROM apiKey") }
            #expect(hash == SecureToken.sha256Hex(secret))
            let dump = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT quote(secretHash) || quote(prefix) || quote(name) FROM apiKey") }
            #expect(!dump.joined().contains(secret))

            let ok = try await APISteps.call(browser, "/api/v1/projects", key: secret)
            #expect(ok.status == .ok, "\(ok.text)")
            #expect(ok.headers[.xRateLimitLimit] == "600")

            let id = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM apiKey") })
            let revoke = try await browser.post("/o/\(org)/settings/api-keys/\(id)/revoke")
            #expect(revoke.status == .seeOther)
            let refused = try await APISteps.call(browser, "/api/v1/projects", key: secret)
            #expect(refused.status == .unauthorized)
            #expect(APISteps.errorCode(refused) == "key_revoked")
            let lastUsed = try await database.writer.read { db in try Date.fetchOne(db, sql: "SELECT lastUsedAt FROM apiKey") }
            #expect(lastUsed != nil, "the list shows when a key was last used")
        }
    }

    @Test func missingUnknownAndExpiredKeysAreRefused() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "expiry@example.com", organization: "Expiry Studio"))
            let secret = try await APISteps.createKey(browser, org: org, expires: "7")
            // The logged-in browser's session cookie is not a way in.
            let withSession = try await browser.get("/api/v1/projects", accept: "application/json")
            #expect(withSession.status == .unauthorized)
            #expect(APISteps.errorCode(withSession) == "missing_key")
            let unknown = try await APISteps.call(browser, "/api/v1/projects", key: "shr_not-a-real-key-at-all-0000000000000000000")
            #expect(unknown.status == .unauthorized)
            #expect(APISteps.errorCode(unknown) == "invalid_key")
            let basic = try await APISteps.call(browser, "/api/v1/projects", key: nil, headers: [.authorization: "Basic Zm9vOmJhcg=="])
            #expect(basic.status == .unauthorized)

            try await database.writer.write { db in try db.execute(sql: "UPDATE apiKey SET expiresAt = ?", arguments: [Date().addingTimeInterval(-1)]) }
            let expired = try await APISteps.call(browser, "/api/v1/projects", key: secret)
            #expect(expired.status == .unauthorized)
            #expect(APISteps.errorCode(expired) == "key_expired")
        }
    }

    @Test func readOnlyAndLowRoleKeysCannotWrite() async throws {
        try await TestApp.run { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let readOnly = try await APISteps.createKey(browser, org: org, name: "Reader", scope: "read-only")
            let viewer = try await APISteps.createKey(browser, org: org, name: "Viewer", role: "viewer")
            let body = #"{"episodes": "all", "dry_run": false}"#

            #expect(try await APISteps.call(browser, "/api/v1/dramas/\(drama)/episodes", key: readOnly).status == .ok)
            let write = try await APISteps.call(browser, "/api/v1/dramas/\(drama)/tasks", method: .post, key: readOnly, json: body)
            #expect(write.status == .forbidden)
            #expect(APISteps.errorCode(write) == "read_only_key")

            let low = try await APISteps.call(browser, "/api/v1/dramas/\(drama)/tasks", method: .post, key: viewer, json: body)
            #expect(low.status == .forbidden)
            #expect(APISteps.errorCode(low) == "insufficient_role")
            // A viewer may still ask what it would cost.
            let estimate = try await APISteps.call(browser, "/api/v1/dramas/\(drama)/tasks", method: .post, key: viewer, json: #"{"episodes": "all", "dry_run": true}"#)
            #expect(estimate.status == .ok, "\(estimate.text)")
            let upsert = try await APISteps.call(
                browser, "/api/v1/dramas/\(drama)/episodes", method: .put, key: viewer, json: #"{"episodes": [{"number": 9, "asset_id": "re_657739295220518999"}]}"#
            )
            #expect(upsert.status == .forbidden)
        }
    }

    @Test func aKeyCannotOutrankItsCreator() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "owner@example.com", organization: "Rank Studio"))
            let invite = try #require(try await Accounts.invite(browser, org: org, role: "member"))
            let member = Browser(client: browser.client)
            try await Accounts.signUp(member, email: "member@example.com", organization: "Member's Own")
            #expect(try await member.post(invite, form: []).status == .seeOther)

            let tooHigh = try await member.post("/o/\(org)/settings/api-keys", form: [("name", "Sneaky"), ("role", "admin"), ("scope", "read-write"), ("expires", "")])
            #expect(tooHigh.status == .unprocessableContent)
            #expect(tooHigh.text.contains("no higher than yours"))
            #expect(tooHigh.text.contains("value=\"Sneaky\""), "the input is kept")
            let secret = try await APISteps.createKey(member, org: org, name: "Mine")
            // The member sees only their own keys; the owner sees all of them.
            #expect(!(try await member.get("/o/\(org)/settings/api-keys")).text.contains("Sneaky"))
            // Demoted to viewer: the member key now acts as a viewer.
            try await database.writer.write { db in try db.execute(sql: "UPDATE membership SET role = 'viewer' WHERE userId = (SELECT id FROM user WHERE email = 'member@example.com')") }
            let after = try await APISteps.call(browser, "/api/v1/dramas/1/episodes", method: .put, key: secret, json: #"{"episodes": [{"number": 1, "asset_id": "re_657739295220518999"}]}"#)
            #expect(after.status == .forbidden)
            // Removed from the organisation: the key stops working.
            try await database.writer.write { db in try db.execute(sql: "DELETE FROM membership WHERE userId = (SELECT id FROM user WHERE email = 'member@example.com') AND organizationId = (SELECT id FROM organization WHERE slug = ?)", arguments: [org]) }
            let gone = try await APISteps.call(browser, "/api/v1/projects", key: secret)
            #expect(gone.status == .unauthorized)
            #expect(APISteps.errorCode(gone) == "key_owner_gone")
        }
    }

    @Test func theRateLimitAnswers429WithRetryAfter() async throws {
        try await TestApp.run(configure: { $0.apiRequestsPerMinute = 1 }) { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "busy@example.com", organization: "Busy Studio"))
            let secret = try await APISteps.createKey(browser, org: org)
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for _ in 0..<12 {
                let response = try await APISteps.call(browser, "/api/v1/projects", key: secret)
                statuses.append(response.status)
                if response.status == .tooManyRequests {
                    retryAfter = response.headers[.retryAfter]
                    #expect(APISteps.errorCode(response) == "rate_limited")
                }
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .ok }, "a burst of 10 is allowed")
            #expect(statuses.last == .tooManyRequests)
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
        }
    }

    @Test func theShellCreatesAKeyForAMember() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "shell@example.com", organization: "Shell Studio"))
            let created = try await APIKeyAdmin.create(
                database: database, organizationSlug: org, email: "shell@example.com", name: "CI", role: "member", readOnly: true, expiresInDays: 30
            )
            #expect(created.secret.hasPrefix("shr_"))
            #expect(try await APISteps.call(browser, "/api/v1/projects", key: created.secret).status == .ok)
            await #expect(throws: APIKeyAdmin.Failure.self) {
                try await APIKeyAdmin.create(database: database, organizationSlug: org, email: "nobody@example.com", name: "x", role: nil, readOnly: false, expiresInDays: nil)
            }
            await #expect(throws: APIKeyAdmin.Failure.self) {
                try await APIKeyAdmin.create(database: database, organizationSlug: "no-such-org", email: "shell@example.com", name: "x", role: nil, readOnly: false, expiresInDays: nil)
            }
            await #expect(throws: APIKeyAdmin.Failure.self) {
                try await APIKeyAdmin.create(database: database, organizationSlug: org, email: "shell@example.com", name: "x", role: "emperor", readOnly: false, expiresInDays: nil)
            }
        }
    }
}
