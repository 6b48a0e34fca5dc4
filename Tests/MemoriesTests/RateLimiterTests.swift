import Foundation
import MemoriesClient
import MemoriesSimulator
import Testing

@Suite struct RateLimiterTests {
    @Test func concurrentCallersAreSpacedToTheRate() async throws {
        let limiter = RateLimiter(requestsPerSecond: 20)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask { try await limiter.acquire() }
            }
            try await group.waitForAll()
        }
        // Ten slots 50 ms apart: the last starts 450 ms after the first.
        #expect(clock.now - start >= .milliseconds(445))
    }

    @Test func clientsWithTheSameKeyShareOneLimiter() {
        let registry = RateLimiterRegistry()
        let first = registry.limiter(forKey: "sk-shared", requestsPerSecond: 1)
        let second = registry.limiter(forKey: "sk-shared", requestsPerSecond: 5)
        let other = registry.limiter(forKey: "sk-other", requestsPerSecond: 1)
        #expect(first === second)
        #expect(first !== other)
        #expect(second.requestsPerSecond == 1)
    }

    @Test func concurrentClientCallsHoldTheRateEndToEnd() async throws {
        try await TestSupport.withSimulator { sim in
            let registry = RateLimiterRegistry()
            let configuration = MemoriesClientConfiguration(
                baseURL: sim.baseURL, apiKey: "sk-rate-\(UUID().uuidString)", requestsPerSecond: 20, maxRetries: 0
            )
            // Two clients, one key: one budget.
            let clients = [
                MemoriesHTTPClient(configuration: configuration, rateLimiters: registry, logger: TestSupport.logger),
                MemoriesHTTPClient(configuration: configuration, rateLimiters: registry, logger: TestSupport.logger),
            ]
            let clock = ContinuousClock()
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    group.addTask { _ = try await clients[index % 2].assetMetadata(assetID: "re_657739295220518912") }
                }
                try await group.waitForAll()
            }
            #expect(clock.now - start >= .milliseconds(445))
            #expect(await sim.simulator.requestCount(route: "GET /:asset_id/metadata") == 10)
        }
    }

    @Test func theSimulatorEnforcesItsOwnAccountLimit() async throws {
        // One request a minute after a burst of two: the third is refused even when a loaded
        // machine (the whole suite runs in parallel) spaces the calls by seconds.
        let configuration = TestSupport.configuration(rateLimit: RateLimitRule(requestsPerSecond: 1.0 / 60, burst: 2))
        try await TestSupport.withSimulator(configuration) { sim in
            let client = sim.client(maxRetries: 0)
            _ = try await client.assetMetadata(assetID: "re_657739295220518912")
            _ = try await client.assetMetadata(assetID: "re_657739295220518912")
            await #expect(throws: MemoriesError.rateLimited(message: "Rate limit exceeded")) {
                _ = try await client.assetMetadata(assetID: "re_657739295220518912")
            }
        }
    }
}
