import Foundation
import MemoriesClient
import MemoriesSimulator
import Synchronization
import Testing

/// Retries happen on 429, the 400 limit message and 5xx, stop at the limit, and never
/// repeat a submit that may have reached upstream.
@Suite struct RetryTests {
    static let statusRoute = "GET /screenplay/tasks/:id"
    static let submitRoute = "POST /screenplay/tasks"

    @Test(arguments: [RateLimitStyle.http429, .http400Limit])
    func rateLimitedRequestsRetryUntilTheLimitThenFail(style: RateLimitStyle) async throws {
        let faults = FaultSwitches(rateLimitNextRequests: 100, rateLimitStyle: style)
        try await TestSupport.withSimulator(TestSupport.configuration(faults: faults)) { sim in
            do {
                _ = try await sim.client(maxRetries: 3).status(taskID: "ros-sd-20260101-00000000")
                Issue.record("expected a failure")
            } catch let error as MemoriesError {
                guard case .rateLimited = error else {
                    Issue.record("expected rateLimited, got \(error)")
                    return
                }
                #expect(error.isRetryable)
            }
            // One attempt plus three retries.
            #expect(await sim.simulator.requestCount(route: Self.statusRoute) == 4)
        }
    }

    @Test func aServerErrorBurstIsRiddenOut() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(serverErrorNextRequests: 2, serverErrorStatus: 503))) { sim in
            let metadata = try await sim.client(maxRetries: 3).assetMetadata(assetID: "re_657739295220518912")
            #expect(metadata.total == 1)
            #expect(await sim.simulator.requestCount(route: "GET /:asset_id/metadata") == 3)
        }
    }

    @Test func serverErrorsBeyondTheLimitSurfaceAsServerError() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(serverErrorNextRequests: 10))) { sim in
            do {
                _ = try await sim.client(maxRetries: 2).status(taskID: "ros-sd-20260101-00000000")
                Issue.record("expected a failure")
            } catch let error as MemoriesError {
                #expect(error == .serverError(status: 500, message: "Internal server error"))
            }
            #expect(await sim.simulator.requestCount(route: Self.statusRoute) == 3)
        }
    }

    @Test func slowResponsesTimeOut() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(responseDelayMilliseconds: 1_500))) { sim in
            do {
                _ = try await sim.client(maxRetries: 1, requestTimeout: .milliseconds(500)).status(taskID: "ros-sd-20260101-00000000")
                Issue.record("expected a timeout")
            } catch let error as MemoriesError {
                #expect(error == .timeout)
            }
            // Under a loaded test run a timed-out attempt may not even reach the handler,
            // so only the upper bound is exact.
            let count = await sim.simulator.requestCount(route: Self.statusRoute)
            #expect(count <= 2)
        }
    }

    @Test func submitIsNotRetriedAfterAServerError() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(serverErrorNextRequests: 1))) { sim in
            let attempts = Mutex<[Int]>([])
            do {
                _ = try await sim.client(maxRetries: 5).submit(Fixtures.request()) { attempt in
                    attempts.withLock { $0.append(attempt.number) }
                }
                Issue.record("expected submitOutcomeUnknown")
            } catch let error as MemoriesError {
                guard case .submitOutcomeUnknown(let attempt, _) = error else {
                    Issue.record("expected submitOutcomeUnknown, got \(error)")
                    return
                }
                #expect(attempt == 1)
                #expect(!error.isRetryable)
            }
            #expect(await sim.simulator.requestCount(route: Self.submitRoute) == 1)
            #expect(attempts.withLock { $0 } == [1])
        }
    }

    @Test func submitIsNotRetriedAfterATimeout() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(responseDelayMilliseconds: 1_500))) { sim in
            do {
                _ = try await sim.client(maxRetries: 5, requestTimeout: .milliseconds(500)).submit(Fixtures.request())
                Issue.record("expected submitOutcomeUnknown")
            } catch let error as MemoriesError {
                guard case .submitOutcomeUnknown = error else {
                    Issue.record("expected submitOutcomeUnknown, got \(error)")
                    return
                }
            }
            #expect(await sim.simulator.requestCount(route: Self.submitRoute) <= 1)
        }
    }

    @Test func submitIsRetriedWhenUpstreamCertainlyRefusedIt() async throws {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: FaultSwitches(rateLimitNextRequests: 2, rateLimitStyle: .http400Limit))) { sim in
            let attempts = Mutex<[Int]>([])
            let submitted = try await sim.client(maxRetries: 3).submit(Fixtures.request()) { attempt in
                attempts.withLock { $0.append(attempt.number) }
            }
            #expect(submitted.status == .pending)
            #expect(attempts.withLock { $0 } == [1, 2, 3])
            #expect(await sim.simulator.ledger().count == 1)
        }
    }

    @Test func aThrowingRecorderStopsTheSubmitBeforeItIsSent() async throws {
        struct StoreDown: Error {}
        try await TestSupport.withSimulator { sim in
            await #expect(throws: StoreDown.self) {
                _ = try await sim.client().submit(Fixtures.request()) { _ in throw StoreDown() }
            }
            #expect(await sim.simulator.requestCount(route: Self.submitRoute) == 0)
        }
    }

    @Test func refusedConnectionsAreNetworkErrorsAndSubmitsMayRetry() async throws {
        let client = MemoriesHTTPClient(
            configuration: MemoriesClientConfiguration(
                baseURL: URL(string: "http://127.0.0.1:9/serve/api/v2") ?? URL(fileURLWithPath: "/"), apiKey: "sk-refused",
                requestsPerSecond: 1_000, maxRetries: 2, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(2)
            ),
            rateLimiters: RateLimiterRegistry(), logger: TestSupport.logger
        )
        let attempts = Mutex(0)
        do {
            _ = try await client.submit(Fixtures.request()) { _ in attempts.withLock { $0 += 1 } }
            Issue.record("expected a network error")
        } catch let error as MemoriesError {
            guard case .network = error else {
                Issue.record("expected network, got \(error)")
                return
            }
        }
        // Nothing reached a server, so every attempt was safe to make.
        #expect(attempts.withLock { $0 } == 3)
    }
}
