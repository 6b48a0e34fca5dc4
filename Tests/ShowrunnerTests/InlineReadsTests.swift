import Foundation
import GRDB
import Testing

@testable import Showrunner

/// `AppDatabase.read` on a file database: reads on the caller's thread see every committed
/// write, stay read-only, run the registered search functions, and never wait for a
/// connection (more callers than connections go through the pool).
@Suite struct InlineReadsTests {
    static func database() throws -> AppDatabase {
        try AppDatabase.open(path: TestApp.temporaryDatabasePath(), migrationsDirectory: TestApp.migrations, logger: TestApp.logger)
    }

    @Test func readsSeeCommittedWritesAndCannotWrite() async throws {
        let database = try Self.database()
        #expect(database.inlineReaders != nil)
        for count in 1...3 {
            try await database.writer.write { db in
                try db.execute(sql: "INSERT INTO organization (slug, name, createdAt) VALUES (?, 'Org', '2026-01-01')", arguments: ["o\(count)"])
            }
            let seen = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") }
            #expect(seen == count)
        }
        await #expect(throws: DatabaseError.self) {
            try await database.read { db in try db.execute(sql: "DELETE FROM organization") }
        }
        let kept = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") }
        #expect(kept == 3)
        // The tokenizer and ranking function are registered on these connections too.
        let matches = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storyboardSearch WHERE storyboardSearch MATCH '总裁'")
        }
        #expect(matches == 0)
    }

    @Test func moreCallersThanConnectionsAllFinish() async throws {
        let database = try Self.database()
        let readers = try #require(database.inlineReaders)
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(total == 200 * (try FileManager.default.contentsOfDirectory(atPath: TestApp.migrations.path).filter { $0.hasSuffix(".sql") }.count))
        #expect(readers.openedCount >= 1)
        #expect(readers.openedCount <= ProcessInfo.processInfo.activeProcessorCount + 2)
    }

    @Test func aReadHeldElsewhereSendsTheNextCallerToThePool() throws {
        let database = try Self.database()
        let readers = InlineReaders(path: database.writer.path, configuration: AppDatabase.makeConfiguration(), limit: 1)
        let inner = try readers.read { _ in
            // The only connection is in use here: a nested caller gets nil rather than waiting.
            try readers.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        }
        #expect(inner == .some(nil))
        #expect(try readers.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
    }
}
