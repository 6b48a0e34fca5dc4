import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesSimulator
import NIOCore
import Showrunner
import Testing

/// Crashes, hostile results, budgets, roles and secrets.
@Suite struct TaskSafetyTests {
    /// A database file and data folder that outlive one app, for restarts.
    struct Disk {
        let databasePath = TestApp.temporaryDatabasePath()
        let dataDirectory = TestApp.temporaryDirectory()

        func database() throws -> AppDatabase {
            try AppDatabase.open(path: databasePath, migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
        }

        func configure(tracker: Bool) -> @Sendable (inout AppConfiguration) -> Void {
            { configuration in
                configuration.dataDirectory = dataDirectory
                configuration.databasePath = databasePath
                if tracker { TaskFlowTests.fast(&configuration) }
            }
        }
    }

    /// Makes the task look as if the process holding it was killed: its lease is someone
    /// else's and has run out, and it is due.
    static func simulateCrash(_ database: AppDatabase, taskId: Int64, status: String, result: String) async throws {
        try await database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE task SET status = ?, resultStatus = ?, leaseOwner = 'killed-process', leaseExpiresAt = ?, nextCheckAt = ?
                    WHERE id = ?
                    """,
                arguments: [status, result, Date(timeIntervalSinceNow: -5), Date(timeIntervalSinceNow: -5), taskId]
            )
        }
    }

    @Test func aRestartInTheMiddleOfADownloadResumesWithoutPayingTwice() async throws {
        try await SimulatedUpstream.run { sim in
            let disk = Disk()
            let database = try disk.database()
            // First life: submitted, then "killed" while downloading (a partial file lies around).
            let (org, taskId) = try await TestApp.run(database: database, upstream: sim.upstream, configure: disk.configure(tracker: false)) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let (_, confirm) = try await TaskSteps.submit(browser, org: org, drama: drama)
                return (org, try #require(CatalogSteps.lastId(confirm.location)))
            }
            await sim.simulator.advance(by: 10_000)
            try await Self.simulateCrash(database, taskId: taskId, status: "completed", result: "downloading")
            let folder = disk.dataDirectory.appendingPathComponent("artifacts/org-1", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("PK\u{3}\u{4}half".utf8).write(to: folder.appendingPathComponent(".task-\(taskId).zip.dead.part"))
            // Second life.
            try await TestApp.run(database: database, upstream: sim.upstream, configure: disk.configure(tracker: true)) { browser in
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" }
                #expect(reached)
                _ = browser
                _ = org
            }
            #expect(await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id/download") == 1)
            #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)
            let runs = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun WHERE taskId = ?", arguments: [taskId]) }
            #expect(runs == 3)
        }
    }

    @Test func aRestartInTheMiddleOfAnIngestIngestsOnce() async throws {
        try await SimulatedUpstream.run { sim in
            let disk = Disk()
            let database = try disk.database()
            let taskId = try await TestApp.run(database: database, upstream: sim.upstream, configure: disk.configure(tracker: true)) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" }
                #expect(reached)
                return taskId
            }
            let scenes = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardScene") }
            try await Self.simulateCrash(database, taskId: taskId, status: "completed", result: "ingesting")
            try await TestApp.run(database: database, upstream: sim.upstream, configure: disk.configure(tracker: true)) { _ throws -> Void in
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" }
                #expect(reached)
            }
            let after = try await database.writer.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun WHERE taskId = ?", arguments: [taskId]),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardScene"))
            }
            #expect(after.0 == 3)
            #expect(after.1 == scenes)
            // The kept zip was reused: each download may be billed.
            #expect(await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id/download") == 1)
        }
    }

    @Test func aRestartInTheMiddleOfASubmitNeverSubmitsAgain() async throws {
        try await SimulatedUpstream.run { sim in
            let disk = Disk()
            let database = try disk.database()
            let taskId = try await TestApp.run(database: database, upstream: sim.upstream, configure: disk.configure(tracker: false)) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let (_, confirm) = try await TaskSteps.submit(browser, org: org, drama: drama)
                return try #require(CatalogSteps.lastId(confirm.location))
            }
            // As if the process died after recording attempt 1 and before the answer was stored.
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE task SET status = 'submitting', upstreamTaskId = NULL WHERE id = ?", arguments: [taskId])
            }
            try await Self.simulateCrash(database, taskId: taskId, status: "submitting", result: "none")
            try await TestApp.run(database: database, upstream: sim.upstream, configure: disk.configure(tracker: true)) { _ throws -> Void in
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.status == "outcome_unknown" }
                #expect(reached)
            }
            #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)
        }
    }

    @Test func aTruncatedDownloadFailsCleanlyAndCanBeRetried() async throws {
        try await SimulatedUpstream.run(SimulatedUpstream.configuration(faults: FaultSwitches(truncateZip: true))) { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: TaskFlowTests.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "download_failed" }
                #expect(reached)
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.text.contains("truncated"))
                #expect(page.text.contains("Retry download and ingest"))
                await sim.simulator.updateFaults { $0.truncateZip = false }
                #expect(try await browser.post("/o/\(org)/tasks/\(taskId)/retry").status == .seeOther)
                let retried = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" }
                #expect(retried)
            }
        }
    }

    @Test func malformedJSONInTheResultFailsTheIngestAndStoresNothing() async throws {
        try await SimulatedUpstream.run(SimulatedUpstream.configuration(faults: FaultSwitches(malformedJSONInZip: true))) { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: TaskFlowTests.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingest_failed" }
                #expect(reached)
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.text.contains(".json"))
                #expect(page.text.contains("result.zip"), "the zip is kept and offered")
                let runs = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun") }
                #expect(runs == 0)
                // The server is still fine.
                #expect(try await browser.get("/o/\(org)/tasks").status == .ok)
            }
        }
    }

    @Test func aSubmitOverTheProjectBudgetIsRefusedWithTheNumbers() async throws {
        try await SimulatedUpstream.run { sim in
            try await TestApp.run(upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let project = try #require(Accounts.firstMatch(#"/o/[^/]+/projects/(\d+)"#, in: try await browser.get("/o/\(org)/dramas/\(drama)").text))
                let projectPath = String(project)
                #expect(try await browser.post(projectPath + "/budget", form: [("budget", "5")]).status == .seeOther)
                #expect(try await browser.get(projectPath).text.contains("of a $5.00 monthly budget"))
                let review = try await browser.post("/o/\(org)/dramas/\(drama)/tasks/review", form: TaskSteps.defaultForm)
                #expect(review.text.contains("over budget"))
                #expect(!review.text.contains("Submit to the simulator"))
                // Confirming anyway (a stale tab) is refused too, with the numbers.
                let confirm = try await browser.post("/o/\(org)/dramas/\(drama)/tasks", form: TaskSteps.hiddenFields(review.text))
                #expect(confirm.status == .unprocessableContent)
                #expect(confirm.text.contains("$8.00"))
                #expect(confirm.text.contains("$5.00 monthly budget"))
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 0)
                let bad = try await browser.post(projectPath + "/budget", form: [("budget", "lots")])
                #expect(bad.status == .seeOther)
                #expect(try await browser.get(projectPath).text.contains("$5.00 monthly budget"), "a bad amount changes nothing")
            }
        }
    }

    @Test func viewersReadButCannotSubmitCancelOrManageKeys() async throws {
        try await TestApp.run { browser in
            let (org, drama) = try await TaskSteps.drama(browser, email: "owner-roles@example.com")
            let link = try #require(try await Accounts.invite(browser, org: org, role: "viewer"))
            let viewer = Browser(client: browser.client)
            _ = try await viewer.post(link, form: [("displayName", "Vera Viewer"), ("email", "viewer-roles@example.com"), ("password", Accounts.password)])
            #expect(try await viewer.get("/o/\(org)/tasks").status == .ok)
            #expect(try await viewer.get("/o/\(org)/dramas/\(drama)/tasks/new").status == .forbidden)
            #expect(try await viewer.post("/o/\(org)/dramas/\(drama)/tasks/review", form: TaskSteps.defaultForm).status == .forbidden)
            #expect(try await viewer.get("/o/\(org)/settings/upstream").status == .forbidden)
        }
    }

    @Test func keysNeverAppearInClearTextInTheDatabaseLogsOrPages() async throws {
        let secret = "sk-mavi-topsecret-\(UUID().uuidString)"
        let logs = CapturedLogs()
        try await SimulatedUpstream.run { sim in
            let disk = Disk()
            let database = try disk.database()
            try await TestApp.run(database: database, upstream: sim.upstream, logger: logs.logger, configure: disk.configure(tracker: true)) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let added = try await browser.post("/o/\(org)/settings/upstream/keys", form: [("name", "Studio account"), ("apiKey", secret)])
                #expect(added.status == .seeOther)
                let settings = try await browser.get("/o/\(org)/settings/upstream")
                #expect(settings.text.contains("Studio account"))
                #expect(settings.text.contains(String(secret.suffix(4))))
                #expect(!settings.text.contains(secret))
                let keyId = try #require(Accounts.firstMatch(#"/settings/upstream/keys/(\d+)/test"#, in: settings.text))
                let tested = try await browser.post("/o/\(org)" + keyId)
                #expect(tested.status == .seeOther)
                // A task on the organisation's key, all the way through.
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                let reached = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" }
                #expect(reached)
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(!page.text.contains(secret))
                // The simulator saw the real key: the organisation's key was used.
                #expect(await sim.simulator.balance(forKey: secret) < 100_000)
                // Webhook tokens are credentials too: the request log masks them.
                let hook = try await TaskTrackingTests.webhookPath(browser, org: org)
                _ = try await TaskTrackingTests.callback(browser, path: hook, upstreamId: "ros-sd-20260101-00000000")
                let token = String(hook.dropFirst("/hooks/memories/".count))
                #expect(!logs.text.contains(token))
                #expect(logs.text.contains("/hooks/memories/[token]"))
            }
            try await database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            for suffix in ["", "-wal"] {
                if let bytes = FileManager.default.contents(atPath: disk.databasePath + suffix) {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "key in clear in the database file\(suffix)")
                }
            }
        }
        #expect(!logs.text.isEmpty)
        #expect(!logs.text.contains(secret))
    }

    @Test func anInvalidUpstreamURLIsAStartUpError() throws {
        var configuration = TestApp.configuration()
        configuration.upstream.baseURL = "mavi-backend.memories.ai/serve"
        #expect(throws: UpstreamConfigurationError.self) { try Upstream.make(configuration: configuration, logger: TestApp.logger) }
        configuration.upstream.baseURL = "ftp://example.com/api"
        #expect(throws: UpstreamConfigurationError.self) { try Upstream.make(configuration: configuration, logger: TestApp.logger) }
        configuration.upstream.baseURL = "http://127.0.0.1:9999/serve/api/v2"
        let external = try Upstream.make(configuration: configuration, logger: TestApp.logger)
        #expect(external.mode == .externalSimulator(baseURL: try #require(URL(string: "http://127.0.0.1:9999/serve/api/v2"))))
        configuration.upstream.apiKey = "sk-real"
        let vendor = try Upstream.make(configuration: configuration, logger: TestApp.logger)
        #expect(vendor.mode.isSimulator == false)
    }

    @Test func tasksKeepTheirDramaAndTheirKey() async throws {
        try await SimulatedUpstream.run { sim in
            try await TestApp.run(upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let added = try await browser.post("/o/\(org)/settings/upstream/keys", form: [("name", "Studio"), ("apiKey", "sk-keep-\(UUID().uuidString)")])
                #expect(added.status == .seeOther)
                let (_, confirm) = try await TaskSteps.submit(browser, org: org, drama: drama)
                #expect(confirm.status == .seeOther)
                // The drama has a task: deleting it would lose paid history.
                let confirmPage = try await browser.get("/o/\(org)/dramas/\(drama)/delete")
                #expect(confirmPage.text.contains("cannot be deleted"))
                let delete = try await browser.post("/o/\(org)/dramas/\(drama)/delete")
                #expect(delete.status == .conflict)
                #expect(delete.text.contains("Archive it instead"))
                #expect(try await browser.get("/o/\(org)/dramas/\(drama)").status == .ok)
                // The key is still needed to follow the running task.
                let settings = try await browser.get("/o/\(org)/settings/upstream")
                let deletePath = try #require(Accounts.firstMatch(#"/settings/upstream/keys/\d+/delete"#, in: settings.text))
                let refused = try await browser.post("/o/\(org)" + deletePath)
                #expect(refused.status == .seeOther)
                #expect(try await browser.get("/o/\(org)/settings/upstream").text.contains("Studio"))
            }
        }
    }

    @Test func theMasterKeyIsCreatedOncePrivatelyAndReused() async throws {
        var configuration = TestApp.configuration()
        configuration.secretKey = nil
        _ = try SecretBox.load(configuration: configuration)
        let file = configuration.dataDirectory.appendingPathComponent("master.key").path
        let first = try #require(FileManager.default.contents(atPath: file))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        _ = try SecretBox.load(configuration: configuration)
        #expect(FileManager.default.contents(atPath: file) == first)
        #expect(Data(base64Encoded: String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)
        // An empty file (a crash before the key was written) is a clear error, not a new key.
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(throws: SecretKeyError.self) { try SecretBox.load(configuration: configuration) }
    }
}
