import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Showrunner
import Synchronization
import Testing

/// No secret reaches a log line, at any level: passwords, session and CSRF cookies, invite
/// tokens, memories.ai keys. The app logs through the server's own handler, in JSON, at trace.
@Suite struct LogSecrecyTests {
    final class Sink: Sendable {
        let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined() } }

        var logger: Logger {
            var logger = Logger(label: "showrunner") { [self] label in
                ShowrunnerLogHandler(label: label, format: .json) { line in self.lines.withLock { $0.append(line) } }
            }
            logger.logLevel = .trace
            return logger
        }
    }

    @Test func noSecretInAnyLogLine() async throws {
        let sink = Sink()
        let password = "hunter2-correct-horse-\(UUID().uuidString.prefix(8))"
        let apiKey = "sk-live-\(UUID().uuidString)"
        let captured = try await TestApp.run(logger: sink.logger) { owner -> [String: String?] in
            _ = try await owner.post(
                "/signup",
                form: [("displayName", "Olga"), ("email", "olga@example.com"), ("password", password), ("organizationName", "Crew")])
            _ = try await owner.post("/o/crew/settings/upstream/keys", form: [("name", "Studio"), ("apiKey", apiKey)])
            let link = try #require(try await Accounts.invite(owner, org: "crew", role: "member"))
            let inviteToken = String(link.dropFirst("/invite/".count))
            let joiner = Browser(client: owner.client)
            _ = try await joiner.get(link)
            _ = try await joiner.post(link, form: [("displayName", "Mia"), ("email", "mia@example.com"), ("password", password)])
            _ = try await owner.post("/logout")
            _ = try await owner.post("/login", form: [("email", "olga@example.com"), ("password", "wrong-\(password)")])
            _ = try await owner.post("/login", form: [("email", "olga@example.com"), ("password", password)])
            _ = try await owner.post(
                "/account/password", form: [("currentPassword", password), ("newPassword", password + "-new"), ("confirmPassword", password + "-new")])
            return [
                "invite token": inviteToken, "session cookie": await owner.sessionCookie,
                "joiner's session cookie": await joiner.sessionCookie, "CSRF token": await owner.csrfToken,
            ]
        }
        var secrets = captured.mapValues { $0 ?? "" }
        secrets["password"] = password
        secrets["api key"] = apiKey
        let text = sink.text
        #expect(text.contains("\"message\":\"request\""), "the requests were logged")
        #expect(text.contains("hb.request.id"))
        for (name, secret) in secrets {
            #expect(secret.count >= 8, "\(name) was captured")
            #expect(!text.contains(secret), "the \(name) appears in the logs")
        }
        #expect(text.contains("/invite/[token]"))
    }

    @Test func metadataUnderSecretKeysIsMasked() {
        let sink = Sink()
        let logger = sink.logger
        logger.info("hello", metadata: ["apiKey": "sk-abc123456789", "Authorization": "Bearer xyz987654321", "user": "olga"])
        #expect(!sink.text.contains("sk-abc123456789"))
        #expect(!sink.text.contains("xyz987654321"))
        #expect(sink.text.contains("\"user\":\"olga\""))
        #expect(sink.text.contains("[redacted]"))
        let object = try? JSONSerialization.jsonObject(with: Data(sink.text.utf8)) as? [String: Any]
        #expect(object?["level"] as? String == "info")
        #expect((object?["time"] as? String)?.hasSuffix("Z") == true)
    }
}
