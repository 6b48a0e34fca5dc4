import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import NIOCore
import MemoriesSimulator
import Showrunner
import Testing

/// Tasks end to end through the real app, a real SQLite database and the simulator in process.
@Suite struct TaskFlowTests {
    static func fast(_ configuration: inout AppConfiguration) {
        configuration.runsTracker = true
        configuration.trackerTick = .milliseconds(50)
        configuration.pollInterval = .milliseconds(100)
        configuration.maxPollInterval = .milliseconds(400)
    }

    @Test func submitRunsDownloadsAndIngests() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: Self.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let form = try await browser.get("/o/\(org)/dramas/\(drama)/tasks/new")
                #expect(form.status == .ok)
                #expect(form.text.contains("coming soon"))
                let (review, confirm) = try await TaskSteps.submit(browser, org: org, drama: drama)
                // 120 s, 150 s and 180 s round up to 2 + 3 + 3 minutes.
                #expect(review.text.contains("$8.00"))
                #expect(review.text.contains("&quot;re_657739295220518912&quot;"))
                #expect(confirm.status == .seeOther, "\(confirm.text)")
                let taskId = try #require(CatalogSteps.lastId(confirm.location))
                #expect(try await TaskSteps.taskStatus(database, id: taskId)?.status == "pending")
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)

                await sim.simulator.advance(by: 10_000)
                let ingested = try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" }
                #expect(ingested)
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.status == .ok)
                #expect(page.text.contains("Completed"))
                #expect(page.text.contains("Ingested 3 episodes"))
                #expect(page.text.contains("1.xlsx"))
                let runs = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun WHERE taskId = ?", arguments: [taskId]) }
                #expect(runs == 3)
                let scenes = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardScene") } ?? 0
                #expect(scenes > 10)
                // Each download may be billed: exactly one.
                #expect(await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id/download") == 1)
                let zip = try await browser.get("/o/\(org)/tasks/\(taskId)/artifacts/result.zip")
                #expect(zip.status == .ok)
                #expect(zip.headers[.contentType] == "application/zip")
                let workbook = try await browser.get("/o/\(org)/tasks/\(taskId)/artifacts/2.xlsx")
                #expect(workbook.status == .ok)
                #expect(workbook.body.readableBytes > 1000)
                let history = try await browser.get("/o/\(org)/tasks?status=completed")
                #expect(history.text.contains("#\(taskId)"))
                // Live updates: the streams end by themselves once nothing is in flight.
                let stream = try await browser.get("/o/\(org)/tasks/\(taskId)/events", accept: "text/event-stream")
                #expect(stream.headers[.contentType] == "text/event-stream")
                #expect(stream.text.contains("event: task"))
                #expect(stream.text.contains("\"finished\":true"))
                let list = try await browser.get("/o/\(org)/tasks/live?ids=\(taskId),999999", accept: "text/event-stream")
                #expect(list.text.contains("\"id\":\(taskId)"))
                #expect(!list.text.contains("999999"))
            }
        }
    }

    @Test func aDoublePostedConfirmCreatesOneUpstreamTask() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                // The token comes with the form; going back and reviewing again keeps it.
                let form = try await browser.get("/o/\(org)/dramas/\(drama)/tasks/new")
                let token = try #require(TaskSteps.hiddenFields(form.text).first { $0.0 == "submit_token" }?.1)
                let review = try await browser.post("/o/\(org)/dramas/\(drama)/tasks/review", form: TaskSteps.defaultForm + [("submit_token", token)])
                let reviewAgain = try await browser.post("/o/\(org)/dramas/\(drama)/tasks/review", form: TaskSteps.defaultForm + [("submit_token", token)])
                let fields = TaskSteps.hiddenFields(review.text)
                let first = try await browser.post("/o/\(org)/dramas/\(drama)/tasks", form: fields)
                let second = try await browser.post("/o/\(org)/dramas/\(drama)/tasks", form: fields)
                let third = try await browser.post("/o/\(org)/dramas/\(drama)/tasks", form: TaskSteps.hiddenFields(reviewAgain.text))
                #expect(first.status == .seeOther)
                #expect(second.status == .seeOther)
                #expect(first.location == second.location)
                #expect(third.location == first.location)
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)
                let count = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task") }
                #expect(count == 1)
            }
        }
    }

    @Test func badOptionsComeBackNextToTheFieldsWithInputKept() async throws {
        try await TestApp.run { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            let response = try await browser.post(
                "/o/\(org)/dramas/\(drama)/tasks/review",
                form: [("submitted", "1"), ("episodes", "2-x"), ("mode", "short_drama"), ("language", "en"), ("concurrency", "0")]
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("is not a range"))
            #expect(response.text.contains("Choose at least one output"))
            #expect(response.text.contains("Concurrency must be"))
            #expect(response.text.contains("value=\"2-x\""))
        }
    }

    @Test func episodesOverTheLimitOrMissingBlockTheSubmit() async throws {
        try await TestApp.run { browser in
            let (org, drama) = try await TaskSteps.drama(browser)
            try await CatalogSteps.episode(browser, org: org, drama: drama, number: 4, asset: CatalogSteps.asset(4), duration: "5:20")
            let form = TaskSteps.defaultForm.map { $0.0 == "episodes" ? ("episodes", "3-5") : $0 }
            let review = try await browser.post("/o/\(org)/dramas/\(drama)/tasks/review", form: form)
            #expect(review.text.contains("Episode 4 is 5:20 long"))
            #expect(review.text.contains("No episode numbered 5"))
            #expect(!review.text.contains("Submit to the simulator"))
            #expect(review.text.contains("Change the options"))
        }
    }

    @Test func upstreamValidationErrorsAreShownInPlainWords() async throws {
        var configuration = SimulatedUpstream.configuration()
        configuration.webhookURL = nil
        try await SimulatedUpstream.run(configuration) { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let (_, confirm) = try await TaskSteps.submit(browser, org: org, drama: drama)
                // Back on the review, in plain words, with the options kept and a fresh token.
                #expect(confirm.status == .unprocessableContent)
                #expect(confirm.text.contains("webhook"))
                #expect(confirm.text.contains("Nothing was created or charged"))
                #expect(confirm.text.contains("Submit to the simulator"))
                let taskId = try #require(try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM task") })
                #expect(try await TaskSteps.taskStatus(database, id: taskId)?.status == "rejected")
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.text.contains("webhook"))
            }
        }
    }

    @Test func aFailedTaskShowsTheUpstreamCodeAndMessage() async throws {
        try await SimulatedUpstream.run { sim in
            await sim.simulator.updateFaults { $0.taskFailure = TaskFailureInjection(errorCode: "VIDEO_DECODE_FAILED", errorMessage: "bad stream", afterEpisodes: 1) }
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: Self.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.status == "failed" })
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.text.contains("VIDEO_DECODE_FAILED"))
                #expect(page.text.contains("bad stream"))
            }
        }
    }

    @Test func cancelStopsAPendingTask() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.text.contains("does not refund"))
                let cancel = try await browser.post("/o/\(org)/tasks/\(taskId)/cancel")
                #expect(cancel.status == .seeOther)
                #expect(try await TaskSteps.taskStatus(database, id: taskId)?.status == "cancelled")
                let again = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(again.text.contains("Test User"))
            }
        }
    }

    @Test func forgedAndUnknownCallbacksChangeNothing() async throws {
        try await TestApp.run { browser in
            let (org, _) = try await TaskSteps.drama(browser)
            let settings = try await browser.get("/o/\(org)/settings/upstream")
            #expect(settings.status == .ok)
            let url = try #require(Accounts.firstMatch(#"http://[^<\s]+/hooks/memories/[A-Za-z0-9_-]+"#, in: settings.text))
            let start = try #require(url.range(of: "/hooks/"))
            let path = String(url[start.lowerBound...])
            let body = #"{"code":200,"message":"SUCCESS","task_id":"ros-sd-20260101-deadbeef","data":{"task_id":"ros-sd-20260101-deadbeef","status":"completed"}}"#
            let unknown = try await browser.send(path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(unknown.status == .ok)
            let forged = try await browser.send("/hooks/memories/not-a-token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(forged.status == .notFound)
        }
    }

    @Test func anotherOrganizationGets404ForTasksAndArtifacts() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                _ = try await browser.post("/logout")
                let other = try await Accounts.signUp(browser, email: "rival@example.com", organization: "Rival Studio")
                let otherOrg = Accounts.slug(from: other)
                for path in ["/o/\(otherOrg)/tasks/\(taskId)", "/o/\(otherOrg)/tasks/\(taskId)/events", "/o/\(otherOrg)/tasks/\(taskId)/artifacts/result.zip"] {
                    #expect(try await browser.get(path).status == .notFound, "\(path)")
                }
                #expect(try await browser.post("/o/\(otherOrg)/tasks/\(taskId)/cancel").status == .notFound)
                #expect(try await browser.get("/o/\(org)/tasks/\(taskId)").status == .notFound)
            }
        }
    }
}

/// Load and failure paths that need the tracker running.
@Suite struct TaskTrackingTests {
    @Test func twentyTasksInFlightStayWithinTheAccountsRate() async throws {
        // A strict upstream rate (burst 1) and the same budget in the client, scaled to 2 per
        // second so the test takes seconds, not minutes; the production budget is 1 per second.
        // Spacing is checked where we control it (the limiter); what upstream sees can be
        // squeezed by the arrival jitter of a fully loaded 2-core machine, so there the test
        // checks the count over the whole run.
        let rate = 2.0
        try await SimulatedUpstream.run(SimulatedUpstream.configuration(rateLimit: RateLimitRule(requestsPerSecond: rate, burst: 1)), requestsPerSecond: rate) { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: { configuration in
                TaskFlowTests.fast(&configuration)
                configuration.pollInterval = .milliseconds(200)
            }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let started = ContinuousClock.now
                var ids: [Int64] = []
                for index in 0..<20 {
                    let form = TaskSteps.defaultForm.map { $0.0 == "episodes" ? ("episodes", String(index % 3 + 1)) : $0 }
                    let (_, confirm) = try await TaskSteps.submit(browser, org: org, drama: drama, form: form)
                    let flash = Accounts.firstMatch(#"<div class="flash flash-error"[^<]*<p>[^<]*"#, in: confirm.text) ?? ""
                    ids.append(try #require(CatalogSteps.lastId(confirm.location), "submit \(index): \(confirm.status) \(flash)"))
                }
                // Let the tracker poll all twenty for a few seconds.
                try await Task.sleep(for: .seconds(3))
                // What we sent: every call for the account went through one limiter, never
                // closer together than the rate allows, with nothing left queued.
                let limiter = sim.rateLimiters.limiter(forKey: "sk-showrunner-simulator", requestsPerSecond: rate)
                let gap = try #require(await limiter.shortestGap)
                #expect(gap >= .milliseconds(Int64(1000 / rate)), "two requests only \(gap) apart")
                // What upstream saw: never more than the rate allows over the whole run.
                let parts = (ContinuousClock.now - started).components
                let elapsed = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
                let routes = await sim.simulator.requestCountsByRoute()
                let total = routes.values.reduce(0, +)
                #expect(Double(total) <= rate * elapsed + 1, "\(total) requests in \(elapsed) s: \(routes)")
                let statusChecks = routes["GET /screenplay/tasks/:id", default: 0]
                #expect(statusChecks >= 2)
                #expect(ids.count == 20)
            }
        }
    }

    @Test func pollingFinishesATaskWhoseCallbackNeverArrives() async throws {
        try await SimulatedUpstream.run(SimulatedUpstream.configuration(faults: FaultSwitches(dropCallbacks: true))) { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: TaskFlowTests.fast) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                await sim.simulator.advance(by: 10_000)
                #expect(try await eventually { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" })
                #expect(await sim.simulator.callbacks().allSatisfy { $0.outcome == "dropped" })
            }
        }
    }

    @Test func aSubmitWithoutAnAnswerIsNeverRetried() async throws {
        try await SimulatedUpstream.run(SimulatedUpstream.configuration(faults: FaultSwitches(serverErrorNextRequests: 1))) { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                #expect(try await TaskSteps.taskStatus(database, id: taskId)?.status == "outcome_unknown")
                #expect(await sim.simulator.requestCount(route: "POST /screenplay/tasks") == 1)
                let page = try await browser.get("/o/\(org)/tasks/\(taskId)")
                #expect(page.text.contains("may exist at memories.ai"))
                // The person finds it in the console and links it; it is tracked from then on.
                let upstreamId = "ros-sd-20260101-abcdef12"
                #expect(try await browser.post("/o/\(org)/tasks/\(taskId)/attach", form: [("upstream_task_id", "../etc")]).status == .seeOther)
                #expect(try await TaskSteps.taskStatus(database, id: taskId)?.status == "outcome_unknown")
                #expect(try await browser.post("/o/\(org)/tasks/\(taskId)/attach", form: [("upstream_task_id", upstreamId)]).status == .seeOther)
                #expect(try await TaskSteps.taskStatus(database, id: taskId)?.status == "pending")
            }
        }
    }

    static func webhookPath(_ browser: Browser, org: String) async throws -> String {
        let settings = try await browser.get("/o/\(org)/settings/upstream")
        let url = try #require(Accounts.firstMatch(#"http://[^<\s]+/hooks/memories/[A-Za-z0-9_-]+"#, in: settings.text))
        let start = try #require(url.range(of: "/hooks/"))
        return String(url[start.lowerBound...])
    }

    static func callback(_ browser: Browser, path: String, upstreamId: String) async throws -> TestResponse {
        let body = #"{"code":200,"message":"SUCCESS","task_id":"\#(upstreamId)","data":{"task_id":"\#(upstreamId)","status":"completed"}}"#
        return try await browser.send(path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    @Test func aCallbackTriggersACheckAndRepeatsChangeNothing() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: { configuration in
                TaskFlowTests.fast(&configuration)
                // Polling alone would take a minute: only the callback can finish it in time.
                configuration.pollInterval = .seconds(60)
                configuration.maxPollInterval = .seconds(60)
            }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                let upstreamId = try #require(try await database.writer.read { db in
                    try String.fetchOne(db, sql: "SELECT upstreamTaskId FROM task WHERE id = ?", arguments: [taskId])
                })
                await sim.simulator.advance(by: 10_000)
                let path = try await Self.webhookPath(browser, org: org)
                #expect(try await Self.callback(browser, path: path, upstreamId: upstreamId).status == .ok)
                #expect(try await eventually(timeout: .seconds(10)) { try await TaskSteps.taskStatus(database, id: taskId)?.result == "ingested" })
                let checks = await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id")
                for _ in 0..<3 {
                    #expect(try await Self.callback(browser, path: path, upstreamId: upstreamId).status == .ok)
                }
                try await Task.sleep(for: .milliseconds(300))
                // A finished task is not checked again, and nothing is downloaded twice.
                #expect(await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id") == checks)
                #expect(await sim.simulator.requestCount(route: "GET /screenplay/tasks/:id/download") == 1)
                let runs = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardRun") }
                #expect(runs == 3)
            }
        }
    }

    @Test func anotherOrganizationsWebhookTokenCannotTouchATask() async throws {
        try await SimulatedUpstream.run { sim in
            let database = try TestApp.database()
            try await TestApp.run(database: database, upstream: sim.upstream, configure: { configuration in
                TaskFlowTests.fast(&configuration)
                configuration.pollInterval = .seconds(60)
            }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                let taskId = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                let before = try await database.writer.read { db in
                    try Row.fetchOne(db, sql: "SELECT upstreamTaskId, nextCheckAt FROM task WHERE id = ?", arguments: [taskId])
                }
                let upstreamId: String = try #require(before?["upstreamTaskId"])
                let scheduled: Date? = before?["nextCheckAt"]
                _ = try await browser.post("/logout")
                let rival = Accounts.slug(from: try await Accounts.signUp(browser, email: "rival-hook@example.com", organization: "Rival Hooks"))
                let rivalPath = try await Self.webhookPath(browser, org: rival)
                #expect(try await Self.callback(browser, path: rivalPath, upstreamId: upstreamId).status == .ok)
                let after: Date? = try await database.writer.read { db in
                    try Date.fetchOne(db, sql: "SELECT nextCheckAt FROM task WHERE id = ?", arguments: [taskId])
                }
                #expect(after == scheduled)
            }
        }
    }
}
