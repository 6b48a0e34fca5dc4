/// Runs work while keeping its lease on a task alive. If the lease is lost (another process
/// took the task over) or cannot be renewed twice in a row, the work is cancelled and
/// `LeaseLost` thrown, so two processes never act on one task at the same time.
enum LeaseKeeper {
    static func run<T: Sendable>(
        every interval: Duration,
        renew: @escaping @Sendable () async throws -> Bool,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                var failures = 0
                while !Task.isCancelled {
                    do {
                        try await Task.sleep(for: interval)
                        guard try await renew() else { throw LeaseLost() }
                        failures = 0
                    } catch is LeaseLost {
                        throw LeaseLost()
                    } catch is CancellationError {
                        return nil
                    } catch {
                        // A busy database: try again, but give up well before the lease runs out.
                        failures += 1
                        if failures >= 2 { throw LeaseLost() }
                    }
                }
                return nil
            }
            group.addTask { try await body() }
            defer { group.cancelAll() }
            while let finished = try await group.next() {
                if let value = finished { return value }
            }
            throw CancellationError()
        }
    }
}
