import Foundation
import GRDB
import HTTPTypes
import HummingbirdCore
import HummingbirdTesting
import MemoriesSimulator
@testable import Showrunner
import Testing

/// The JSON API against the real app, a real database and the simulator in process.
@Suite struct APITests {
    @Test func submitIsIdempotentAndADryRunSendsNothing() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: TaskFlowTests.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let key = try await APISteps.createKey(browser, org: org)
                let path = "/api/v1/dramas/\(drama)/tasks"

                let dry = try await APISteps.call(browser, path, method: .post, key: key, json: #"{"episodes": [1, 2], "dry_run": true}"#)
                #expect(dry.status == .ok, "\(dry.text)")
                let estimate = try APISteps.data(dry)
                // 120 s and 150 s round up to 2 + 3 minutes.
                #expect(estimate["estimated_cost_cents"] as? Int == 500)
                #expect(estimate["account"] as? String == "simulator")
                #expect(((estimate["request"] as? [String: Any])?["episodes"] as? [String: String])?["1"] == TaskSteps.assets[0])
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 0)
                #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") } == 0)

                let body = #"{"episodes": "all", "config": {"language": "en", "require_xlsx": true}}"#
                let first = try await APISteps.call(browser, path, method: .post, key: key, json: body, headers: [.idempotencyKey: "season-1"])
                #expect(first.status == .created, "\(first.text)")
                let task = try APISteps.data(first)
                let taskId = try #require(task["id"] as? Int)
                #expect(first.headers[.location] == "/api/v1/tasks/\(taskId)")
                #expect(task["status"] as? String == "pending")
                #expect((task["episodes"] as? [Any])?.count == 3)

                let replay = try await APISteps.call(browser, path, method: .post, key: key, json: body, headers: [.idempotencyKey: "season-1"])
                #expect(replay.status == .ok)
                #expect(try APISteps.data(replay)["id"] as? Int == taskId)
                #expect(replay.headers[.idempotentReplayed] == "true")
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1, "charged once")

                let reused = try await APISteps.call(
                    browser, path, method: .post, key: key, json: #"{"episodes": [1]}"#, headers: [.idempotencyKey: "season-1"]
                )
                #expect(reused.status == .conflict)
                #expect(APISteps.errorCode(reused) == "idempotency_key_reused")

                // The task runs, is ingested, and the storyboard is readable through the API.
                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually { try await TaskSteps.taskStatus(database, id: Int64(taskId))?.result == "ingested" })
                let fetched = try APISteps.data(try await APISteps.call(browser, "/api/v1/tasks/\(taskId)", key: key))
                #expect(fetched["status"] as? String == "completed")
                #expect(fetched["api_key_id"] as? Int != nil)
                let episodes = try APISteps.list(try await APISteps.call(browser, "/api/v1/dramas/\(drama)/episodes", key: key))
                let episodeId = try #require(episodes.first?["id"] as? Int)
                #expect(episodes.first?["review_status"] as? String == "not_reviewed")
                let storyboard = try await APISteps.call(browser, "/api/v1/episodes/\(episodeId)/storyboard", key: key)
                #expect(storyboard.status == .ok)
                let answer = try APISteps.data(storyboard)
                let scenes = try #require((answer["storyboard"] as? [String: Any])?["scenes"] as? [[String: Any]])
                #expect(!scenes.isEmpty)
                #expect(scenes.first?["time_of_day"] != nil, "snake_case throughout")
                let transcript = try APISteps.data(try await APISteps.call(browser, "/api/v1/episodes/\(episodeId)/transcript", key: key))
                #expect(!((transcript["lines"] as? [Any]) ?? []).isEmpty)

                // Review through the API: approve needs a manager (the signed-up owner's key is a member key).
                let member = try await APISteps.call(browser, "/api/v1/episodes/\(episodeId)/review", method: .post, key: key, json: #"{"status": "approved"}"#)
                #expect(member.status == .forbidden)
                let manager = try await APISteps.createKey(browser, org: org, name: "Lead", role: "manager")
                let approved = try await APISteps.call(browser, "/api/v1/episodes/\(episodeId)/review", method: .post, key: manager, json: #"{"status": "approved"}"#)
                #expect(approved.status == .ok, "\(approved.text)")
                #expect(try APISteps.data(approved)["status"] as? String == "approved")
                let comment = try await APISteps.call(
                    browser, "/api/v1/episodes/\(episodeId)/comments", method: .post, key: key, json: #"{"body": "Cut the pause", "scene_number": 1}"#
                )
                #expect(comment.status == .created, "\(comment.text)")
                let comments = try APISteps.list(try await APISteps.call(browser, "/api/v1/episodes/\(episodeId)/comments", key: key))
                #expect(comments.first?["body"] as? String == "Cut the pause")
            }
        }
    }

    @Test func anotherOrganisationsIdsAreNotFound() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let (orgA, dramaA) = try await TaskSteps.drama(browser)
                let keyA = try await APISteps.createKey(browser, org: orgA)
                let taskA = try await TaskSteps.submittedTask(browser, org: orgA, drama: dramaA)
                let other = Browser(client: browser.client)
                let (orgB, _) = try await TaskSteps.drama(other)
                let keyB = try await APISteps.createKey(other, org: orgB)
                let projectA = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT projectId FROM drama WHERE id = ?", arguments: [dramaA]) })
                let episodeA = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM episode WHERE dramaId = ?", arguments: [dramaA]) })

                for path in [
                    "/api/v1/projects/\(projectA)", "/api/v1/projects/\(projectA)/dramas", "/api/v1/dramas/\(dramaA)", "/api/v1/dramas/\(dramaA)/episodes",
                    "/api/v1/episodes/\(episodeA)", "/api/v1/episodes/\(episodeA)/storyboard", "/api/v1/episodes/\(episodeA)/review",
                    "/api/v1/episodes/\(episodeA)/comments", "/api/v1/tasks/\(taskA)", "/api/v1/search?q=x&project=\(projectA)",
                ] {
                    let response = try await APISteps.call(other, path, key: keyB)
                    #expect(response.status == .notFound, "\(path): \(response.status)")
                }
                for (method, path, body) in [
                    (HTTPRequest.Method.post, "/api/v1/dramas/\(dramaA)/tasks", #"{"episodes": "all", "dry_run": true}"#),
                    (.post, "/api/v1/tasks/\(taskA)/cancel", "{}"),
                    (.post, "/api/v1/tasks/\(taskA)/resubmit", #"{"dry_run": true}"#),
                    (.put, "/api/v1/dramas/\(dramaA)/episodes", #"{"episodes": [{"number": 7, "asset_id": "re_657739295220518977"}]}"#),
                ] {
                    let response = try await APISteps.call(other, path, method: method, key: keyB, json: body)
                    #expect(response.status == .notFound, "\(method) \(path): \(response.status)")
                }
                let listed = try APISteps.list(try await APISteps.call(other, "/api/v1/tasks", key: keyB))
                #expect(listed.isEmpty)
                let projects = try APISteps.list(try await APISteps.call(other, "/api/v1/projects", key: keyB))
                #expect(!projects.contains { $0["id"] as? Int64 == projectA || $0["id"] as? Int == Int(projectA) })
                // A's own key still sees its task, and nothing was changed by B.
                #expect(try await APISteps.call(browser, "/api/v1/tasks/\(taskA)", key: keyA).status == .ok)
                #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode WHERE dramaId = ?", arguments: [dramaA]) } == 3)
            }
        }
    }

    @Test func badInputGetsAClearErrorAndChangesNothing() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let key = try await APISteps.createKey(browser, org: org)
            let tasks = "/api/v1/dramas/\(drama)/tasks"
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("not json", .badRequest, "invalid_json"),
                (#"{"episodes": "some"}"#, .unprocessableContent, "invalid_body"),
                (#"{"config": {}}"#, .unprocessableContent, "invalid_body"),
                (#"{"episodes": [1], "config": {"concurrency": 0}}"#, .unprocessableContent, "invalid_request"),
                (#"{"episodes": [1], "config": {"require_json": false}}"#, .unprocessableContent, "invalid_request"),
                (#"{"episodes": [1], "mode": "korean_drama"}"#, .unprocessableContent, "invalid_request"),
                (#"{"episodes": [99]}"#, .conflict, "episodes_not_sendable"),
            ]
            for (body, status, code) in cases {
                let response = try await APISteps.call(browser, tasks, method: .post, key: key, json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(APISteps.errorCode(response) == code, "\(body): \(response.text)")
                let message = (try? APISteps.object(response)["error"] as? [String: Any])?["message"] as? String
                #expect(!(message ?? "").isEmpty)
            }
            let upsert = "/api/v1/dramas/\(drama)/episodes"
            for body in [
                #"{"episodes": []}"#, #"{"episodes": [{"number": 0, "asset_id": "re_657739295220518999"}]}"#,
                #"{"episodes": [{"number": 4, "asset_id": "VI123"}]}"#,
                #"{"episodes": [{"number": 4, "asset_id": "re_657739295220518999"}, {"number": 4, "asset_id": "re_657739295220518998"}]}"#,
            ] {
                let response = try await APISteps.call(browser, upsert, method: .put, key: key, json: body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.text)")
            }
            // An asset id already used by episode 1 fails the whole request.
            let clash = try await APISteps.call(
                browser, upsert, method: .put, key: key,
                json: #"{"episodes": [{"number": 5, "asset_id": "re_657739295220518995"}, {"number": 6, "asset_id": "\#(TaskSteps.assets[0])"}]}"#
            )
            #expect(clash.status == .conflict)
            #expect(APISteps.errorCode(clash) == "asset_conflict")
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode WHERE dramaId = ?", arguments: [drama]) } == 3)
            #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") } == 0)

            for (path, status) in [
                ("/api/v1/projects?limit=0", HTTPResponse.Status.unprocessableContent), ("/api/v1/projects?cursor=abc", .unprocessableContent),
                ("/api/v1/tasks?status=done", .unprocessableContent), ("/api/v1/tasks/abc", .notFound), ("/api/v1/tasks/-1", .notFound),
                ("/api/v1/search", .unprocessableContent), ("/api/v1/nothing-here", .notFound),
            ] {
                let response = try await APISteps.call(browser, path, key: key)
                #expect(response.status == status, "\(path): \(response.text)")
                #expect(APISteps.errorCode(response) != nil, "\(path) answers a JSON error")
            }
            let wrongMethod = try await APISteps.call(browser, "/api/v1/projects", method: .delete, key: key)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET")
        }
    }

    @Test func upsertCreatesUpdatesAndListsPageByPage() async throws {
        try await TestApp.run { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let key = try await APISteps.createKey(browser, org: org)
            let items = (4...60).map { #"{"number": \#($0), "asset_id": "re_6577392952205\#(String(format: "%05d", $0 + 20000))", "duration_seconds": 95.5}"# }
            let body = #"{"episodes": [{"number": 1, "asset_id": "\#(TaskSteps.assets[0])", "title": "Pilot"}, \#(items.joined(separator: ","))]}"#
            let response = try await APISteps.call(browser, "/api/v1/dramas/\(drama)/episodes", method: .put, key: key, json: body)
            #expect(response.status == .ok, "\(response.text)")
            let result = try APISteps.data(response)
            #expect(result["created"] as? Int == 57)
            #expect(result["updated"] as? Int == 1)
            let again = try APISteps.data(try await APISteps.call(browser, "/api/v1/dramas/\(drama)/episodes", method: .put, key: key, json: body))
            #expect(again["unchanged"] as? Int == 58)

            var numbers: [Int] = []
            var cursor: String?
            repeat {
                let page = try await APISteps.call(browser, "/api/v1/dramas/\(drama)/episodes?limit=25" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
                let object = try APISteps.object(page)
                numbers += ((object["data"] as? [[String: Any]]) ?? []).compactMap { $0["number"] as? Int }
                cursor = object["next_cursor"] as? String
            } while cursor != nil
            #expect(numbers == Array(1...60))
            let pilot = try APISteps.list(try await APISteps.call(browser, "/api/v1/dramas/\(drama)/episodes?limit=1", key: key)).first
            #expect(pilot?["title"] as? String == "Pilot")
        }
    }

    @Test func theDocumentDescribesEveryRoute() async throws {
        try await TestApp.run { browser in
            let response = try await browser.get("/openapi.json", accept: "application/json")
            #expect(response.status == .ok)
            let document = try OpenAPIDocument(data: Data(response.text.utf8))
            let root = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(root["openapi"] as? String == "3.1.0")
            let ids = document.operations.map(\.operationId)
            #expect(Set(ids).count == ids.count, "operation ids are unique")
            for required in [
                ("GET", "/projects"), ("GET", "/projects/{project_id}/dramas"), ("GET", "/dramas/{drama_id}/episodes"), ("POST", "/dramas/{drama_id}/tasks"),
                ("GET", "/tasks/{task_id}"), ("GET", "/tasks"), ("POST", "/tasks/{task_id}/cancel"), ("GET", "/episodes/{episode_id}/storyboard"),
                ("GET", "/search"),
            ] {
                #expect(document.operations.contains { $0.method.rawValue == required.0 && $0.path == required.1 }, "\(required)")
            }
            // Routes are made from the document; a handler it lacks (or one it does not describe) stops the server.
            #expect(throws: OpenAPIDocument.Problem.self) { try document.bind(APIHandlers()) }
            var complete = APIHandlers()
            for operation in document.operations { complete.add(operation.operationId) { _, _ in HummingbirdCore.Response(status: .ok) } }
            #expect(try document.bind(complete).count == document.operations.count)
            var extra = complete
            extra.add("undocumented") { _, _ in HummingbirdCore.Response(status: .ok) }
            #expect(throws: OpenAPIDocument.Problem.self) { try document.bind(extra) }
            // Every schema a document names exists.
            let schemas = try #require((root["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for name in Self.references(in: root) {
                #expect(schemas[name] != nil, "#/components/schemas/\(name) is defined")
            }
        }
    }

    static func references(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            var found = Set<String>()
            if let ref = object["$ref"] as? String, ref.hasPrefix("#/components/schemas/") { found.insert(String(ref.dropFirst(21))) }
            for child in object.values { found.formUnion(references(in: child)) }
            return found
        }
        if let array = value as? [Any] { return array.reduce(into: Set<String>()) { $0.formUnion(references(in: $1)) } }
        return []
    }
}
