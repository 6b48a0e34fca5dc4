import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesSimulator
import NIOCore
@testable import Showrunner
import Testing

/// The memories.ai-compatible gateway: upstream's request and response shapes, authenticated
/// with a Showrunner key, recorded in the organisation's history, downloads from the kept zip.
@Suite struct GatewayTests {
    /// The submit body of memories.ai's own documentation, verbatim.
    static let documentedExample = """
        {
          "mode": "short_drama",
          "episodes": {"1": "re_657739295220518912", "2": "re_657739295220518913", "3": "re_657739295220518914"},
          "config": {"language": "zh-CN", "use_face_recognition": true, "use_subtitle": false, "require_json": true,
                     "require_xlsx": false, "require_merge_xlsx": false, "concurrency": 100}
        }
        """

    static func send(_ browser: Browser, _ method: HTTPRequest.Method, _ path: String, key: String?, body: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        // As upstream's examples: the key alone, no "Bearer".
        if let key { headers[.authorization] = key }
        return try await browser.client.execute(uri: "/serve/api/v2/screenplay" + path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    @Test func theDocumentedExampleRunsAndDownloadsFromTheKeptZip() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: TaskFlowTests.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let key = try await APISteps.createKey(browser, org: org)

                let submitted = try await Self.send(browser, .post, "/tasks", key: key, body: Self.documentedExample)
                #expect(submitted.status == .ok, "\(submitted.text)")
                let envelope = try APISteps.object(submitted)
                #expect(envelope["code"] as? Int == 200)
                #expect(envelope["msg"] as? String == "success")
                #expect(envelope["success"] as? Bool == true)
                #expect(envelope["failed"] as? Bool == false)
                let data = try #require(envelope["data"] as? [String: Any])
                let taskId = try #require(data["task_id"] as? String)
                #expect(taskId.hasPrefix("ros-sd-"))
                #expect(data["status"] as? String == "pending")
                #expect(data["mode"] as? String == "short_drama")

                // Recorded like any task: the catalog drama the asset ids belong to, the episodes matched.
                let row = try #require(try await database.writer.read { db in
                    try Row.fetchOne(db, sql: "SELECT id, dramaId, apiKeyId, (SELECT COUNT(*) FROM taskEpisode te WHERE te.taskId = task.id AND te.episodeId IS NOT NULL) AS matched FROM task")
                })
                #expect(row["dramaId"] as Int64? == drama)
                #expect(row["apiKeyId"] as Int64? != nil)
                #expect(row["matched"] as Int? == 3)
                let history = try await browser.get("/o/\(org)/tasks")
                let recorded: Int64 = try #require(row["id"])
                #expect(history.text.contains("/o/\(org)/tasks/\(recorded)"), "in the organisation's task history")

                // A client retrying the same submit (say, after a timeout) gets the same task, charged once.
                let retried = try await Self.send(browser, .post, "/tasks", key: key, body: Self.documentedExample)
                #expect(((try APISteps.object(retried))["data"] as? [String: Any])?["task_id"] as? String == taskId)
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)

                let pending = try APISteps.object(try await Self.send(browser, .get, "/tasks/\(taskId)", key: key))
                #expect((pending["data"] as? [String: Any])?["task_id"] as? String == taskId)

                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually {
                    try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT resultStatus FROM task") } == "ingested"
                })
                let done = try APISteps.object(try await Self.send(browser, .get, "/tasks/\(taskId)", key: key))
                #expect((done["data"] as? [String: Any])?["status"] as? String == "completed")
                for _ in 0..<2 {
                    let zip = try await Self.send(browser, .get, "/tasks/\(taskId)/download", key: key)
                    #expect(zip.status == .ok)
                    #expect(zip.headers[.contentType] == "application/zip")
                    #expect(zip.headers[.contentDisposition] == "attachment; filename=\"\(taskId).zip\"")
                    #expect(zip.body.getBytes(at: zip.body.readerIndex, length: 2) == [0x50, 0x4B], "a zip")
                }
                #expect(await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id/download") == 1, "downloaded once, by the tracker")
                let cancel = try await Self.send(browser, .delete, "/tasks/\(taskId)", key: key)
                #expect(cancel.status == .badRequest, "a completed task cannot be cancelled")
            }
        }
    }

    @Test func unknownAssetsAreRecordedAsUncataloguedAndCancelWorks() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let org = Accounts.slug(from: try await Accounts.signUp(browser, email: "gateway@example.com", organization: "Gateway Studio"))
                let key = try await APISteps.createKey(browser, org: org)
                let body = #"{"mode": "short_drama", "episodes": {"1": "re_657739295220518912"}, "config": {}}"#
                let submitted = try await Self.send(browser, .post, "/tasks", key: key, body: body)
                #expect(submitted.status == .ok, "\(submitted.text)")
                let taskId = try #require((try APISteps.object(submitted)["data"] as? [String: Any])?["task_id"] as? String)
                let drama = try await database.writer.read { db in
                    try String.fetchOne(db, sql: "SELECT d.title FROM task t JOIN drama d ON d.id = t.dramaId")
                }
                #expect(drama == GatewayRepository.uncataloguedDramaTitle)
                let cancelled = try await Self.send(browser, .delete, "/tasks/\(taskId)", key: key)
                #expect(cancelled.status == .ok, "\(cancelled.text)")
                #expect((try APISteps.object(cancelled)["data"] as? [String: Any])?["status"] as? String == "cancelled")
                #expect(try await database.writer.read { db in try String.fetchOne(db, sql: "SELECT status FROM task") } == "cancelled")
                // A second task with other unknown assets reuses the same uncatalogued drama.
                _ = try await Self.send(browser, .post, "/tasks", key: key, body: #"{"mode": "short_drama", "episodes": {"1": "re_657739295220518000"}, "config": {}}"#)
                #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT dramaId) FROM task") } == 1)
            }
        }
    }

    @Test func failuresUseUpstreamsEnvelopeAndTenantsStayApart() async throws {
        try await SimulatedUpstream.run { sim in
            try await TestApp.run(upstream: sim.upstream) { browser in
                let (orgA, _) = try await TaskSteps.drama(browser)
                let keyA = try await APISteps.createKey(browser, org: orgA)
                let submitted = try await Self.send(browser, .post, "/tasks", key: keyA, body: Self.documentedExample)
                let taskId = try #require((try APISteps.object(submitted)["data"] as? [String: Any])?["task_id"] as? String)
                let other = Browser(client: browser.client)
                let orgB = Accounts.slug(from: try await Accounts.signUp(other, email: "b-gateway@example.com", organization: "B Studio"))
                let keyB = try await APISteps.createKey(other, org: orgB)
                let readOnly = try await APISteps.createKey(browser, org: orgA, name: "Reader", scope: "read-only")

                let cases: [(HTTPRequest.Method, String, String?, String?, Int, String)] = [
                    (.post, "/tasks", nil, Self.documentedExample, 401, "Unauthorized"),
                    (.post, "/tasks", "sk-not-ours", Self.documentedExample, 401, "Unauthorized"),
                    (.post, "/tasks", keyA, "not json", 400, "Invalid request parameters"),
                    (.post, "/tasks", keyA, #"{"mode": "short_drama", "episodes": {"1": "VI12345"}, "config": {}}"#, 400, "Invalid assets: episode 1 (VI12345): not an asset id"),
                    (.post, "/tasks", keyA, #"{"mode": "korean_drama", "episodes": {"1": "re_657739295220518912"}, "config": {}}"#, 400, "Invalid request parameters: mode korean_drama is not available (use short_drama)"),
                    (.post, "/tasks", keyA, #"{"mode": "short_drama", "episodes": {"one": "re_657739295220518912"}, "config": {}}"#, 400, "Invalid request parameters: episode keys are episode numbers (\"1\", \"2\", …)"),
                    (.post, "/tasks", readOnly, Self.documentedExample, 403, "This key is read only."),
                    (.get, "/tasks/ros-sd-nope", keyA, nil, 404, "Task not found for id: ros-sd-nope"),
                    (.get, "/tasks/\(taskId)", keyB, nil, 404, "Task not found for id: \(taskId)"),
                    (.delete, "/tasks/\(taskId)", keyB, nil, 404, "Task not found for id: \(taskId)"),
                    (.get, "/tasks/\(taskId)/download", keyB, nil, 404, "Task not found for id: \(taskId)"),
                    (.get, "/tasks/\(taskId)/download", keyA, nil, 400, "Task is not completed yet, current status: pending"),
                ]
                for (method, path, key, body, code, message) in cases {
                    let response = try await Self.send(browser, method, path, key: key, body: body)
                    #expect(Int(response.status.code) == code, "\(method) \(path): \(response.text)")
                    let envelope = try APISteps.object(response)
                    #expect(envelope["code"] as? Int == code)
                    #expect(envelope["msg"] as? String == message, "\(response.text)")
                    #expect(envelope["failed"] as? Bool == true)
                    #expect(envelope["success"] as? Bool == false)
                    #expect(envelope["data"] is NSNull)
                }
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)
            }
        }
    }
}
