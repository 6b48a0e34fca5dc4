import Foundation
import HTTPTypes
import HummingbirdTesting
import MemoriesSimulator
import NIOCore
import Showrunner
import Testing

/// `GET /metrics`: refused without the token, and in Prometheus text format with it.
@Suite struct MetricsTests {
    static let token = "metrics-token-0123456789abcdef"

    @Test func offWithoutATokenAndRefusedWithoutTheRightOne() async throws {
        try await TestApp.run { browser in
            let off = try await browser.get("/metrics", accept: "text/plain")
            #expect(off.status == .notFound)
            #expect(off.text.contains("SHOWRUNNER_METRICS_TOKEN"))
        }
        try await TestApp.run(configure: { $0.metricsToken = Self.token }) { browser in
            let missing = try await browser.get("/metrics", accept: "text/plain")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(!missing.text.contains("showrunner_"))
            let wrong = try await browser.send("/metrics", method: .get, headers: [.authorization: "Bearer not-the-token"], body: nil)
            #expect(wrong.status == .unauthorized)
            // A logged-in session is no substitute for the token.
            try await Accounts.signUp(browser, email: "ops@example.com", organization: "Ops")
            #expect(try await browser.get("/metrics", accept: "text/plain").status == .unauthorized)
        }
    }

    @Test func reportsRequestsByRouteTasksUpstreamCallsAndSessions() async throws {
        try await SimulatedUpstream.run { sim in
            try await TestApp.run(upstream: sim.upstream, configure: { $0.metricsToken = Self.token }) { browser in
                let (org, drama) = try await TaskSteps.drama(browser)
                #expect(try await browser.get("/o/\(org)/dramas/\(drama)").status == .ok)
                // One refusal upstream (429), then the submit goes through on retry.
                await sim.simulator.updateFaults { $0.rateLimitNextRequests = 1 }
                _ = try await TaskSteps.submittedTask(browser, org: org, drama: drama)
                let response = try await browser.send(
                    "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"], body: nil)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = response.text
                // Requests by route pattern, never the raw path with its ids.
                #expect(text.contains("hb_requests"))
                #expect(text.contains("http_server_request_duration"))
                #expect(text.contains("/o/{org}/dramas/{drama}") || text.contains("/o/:org/dramas/:drama"), "\(text.prefix(3000))")
                #expect(!text.contains("/o/\(org)/dramas/\(drama)\""))
                #expect(text.contains("showrunner_tasks{status=\"pending\"} 1") || text.contains("showrunner_tasks{status=\"pending\"}"))
                #expect(text.contains("showrunner_tasks{status=\"cancelled\"} 0"))
                #expect(text.contains("showrunner_upstream_requests_total{endpoint=\"POST screenplay/tasks\",outcome=\"ok\"}"))
                #expect(text.contains("showrunner_upstream_requests_total{endpoint=\"POST screenplay/tasks\",outcome=\"rate_limited\"}"))
                #expect(text.contains("showrunner_upstream_rate_limit_waiting"))
                #expect(text.contains("showrunner_sessions"))
                #expect(text.contains("showrunner_storyboard_cache_runs 0"))
                let sqliteBytes = text.split(separator: "\n").first { $0.hasPrefix("showrunner_sqlite_memory_bytes ") }
                    .flatMap { Double($0.split(separator: " ").last ?? "") }
                #expect((sqliteBytes ?? 0) > 0, "SQLite's memory is reported")
                #expect(!text.contains(Self.token))
            }
        }
    }
}
