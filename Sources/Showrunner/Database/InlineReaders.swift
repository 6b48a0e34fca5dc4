import Foundation
import GRDB
import Synchronization

/// Read-only SQLite connections that run a short read on the calling thread.
///
/// `DatabasePool.read` from async code hands the work to a reader's dispatch queue and wakes the
/// caller's task afterwards: two thread switches, which on 2 cores cost more than a page's reads.
/// Here the caller takes a free connection and reads at once, in a read-only transaction (the
/// same snapshot isolation as the pool's readers).
///
/// Nothing ever waits for a connection: when all are in use `read` returns nil and the caller
/// goes through the pool. (Blocking on the cooperative threads while async readers held the
/// pool's connections across a suspension is what deadlocked GRDB's synchronous `read` there.)
final class InlineReaders: Sendable {
    private struct State {
        var idle: [DatabaseQueue] = []
        /// Connections opened or being opened, idle or in use.
        var opened = 0
    }

    private let path: String
    private let configuration: Configuration
    private let limit: Int
    private let state = Mutex(State())

    /// `limit` bounds the open connections; the cooperative pool has one thread per core, so a
    /// couple more than the cores cover every caller that can be running at once.
    init(path: String, configuration: Configuration, limit: Int) {
        var readOnly = configuration
        readOnly.readonly = true
        self.path = path
        self.configuration = readOnly
        self.limit = limit
    }

    /// Runs `body` on a free connection, or returns nil when none is free and no more may open.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard let connection = try take() else { return nil }
        defer { state.withLock { $0.idle.append(connection) } }
        return try connection.read(body)
    }

    private func take() throws -> DatabaseQueue? {
        enum Next { case idle(DatabaseQueue), open, none }
        let next = state.withLock { state -> Next in
            if let connection = state.idle.popLast() { return .idle(connection) }
            guard state.opened < limit else { return .none }
            state.opened += 1
            return .open
        }
        switch next {
        case .idle(let connection):
            return connection
        case .none:
            return nil
        case .open:
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch {
                state.withLock { $0.opened -= 1 }
                throw error
            }
        }
    }

    /// Connections open now (tests).
    var openedCount: Int { state.withLock { $0.opened } }
}
