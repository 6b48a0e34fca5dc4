import GRDB
import Showrunner
import Testing

/// `showrunner_rank`, the bm25 that ignores the scope phrases, on the migrated search table.
@Suite struct SearchRankingTests {
    /// Ranked rowids of `body` within organisation 1 (or its project 7), best first.
    static func ranked(_ database: AppDatabase, body: String, project: Bool = false) async throws -> [Int64] {
        let scope = project ? "\"o1\" AND \"p7\"" : "\"o1\""
        return try await database.writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT rowid FROM storyboardSearch WHERE storyboardSearch MATCH ?
                ORDER BY showrunner_rank(storyboardSearch, ?), rowid
                """, arguments: ["scope : (\(scope)) AND body : (\(body))", project ? 2 : 1])
        }
    }

    static func index(_ rows: [(Int64, String, String)]) throws -> AppDatabase {
        let database = try TestApp.database()
        try database.writer.write { db in
            for (id, scope, body) in rows {
                try db.execute(sql: "INSERT INTO storyboardSearch (rowid, scope, body) VALUES (?, ?, ?)", arguments: [id, scope, body])
            }
        }
        return database
    }

    @Test func moreOccurrencesInAShorterLineRankFirstAndOtherTenantsNeverAppear() async throws {
        let database = try Self.index([
            (1, "o1 p7 d1", "总裁在办公室里说了很多很多话然后离开了公司去了机场"),
            (2, "o1 p7 d1", "总裁！总裁来了"),
            (3, "o2 p9 d4", "总裁总裁总裁"),
            (4, "o1 p8 d2", "总裁"),
            (5, "o1 p7 d1", "妈妈不在家"),
        ])
        #expect(try await Self.ranked(database, body: "总裁") == [2, 4, 1])
        #expect(try await Self.ranked(database, body: "总裁", project: true) == [2, 1])
        #expect(try await Self.ranked(database, body: "离婚").isEmpty)
    }

    @Test func aRareWordWeighsMoreThanACommonOne() async throws {
        // 总裁 is in every line, 离婚 in one: with one occurrence each in lines of one length,
        // the line with the rare word ranks first.
        var rows: [(Int64, String, String)] = (1...20).map { ($0, "o1 p7 d1", "总裁今天来了吗") }
        rows.append((21, "o1 p7 d1", "离婚今天来了吗"))
        let database = try Self.index(rows)
        let ranked = try await Self.ranked(database, body: "总裁 OR 离婚")
        #expect(ranked.first == 21)
        #expect(ranked.count == 21)
    }

    @Test func rankingNeedsTheSearchTable() async throws {
        let database = try TestApp.database()
        await #expect(throws: DatabaseError.self) {
            try await database.writer.read { db in
                try Double.fetchOne(db, sql: "SELECT showrunner_rank(1, 1)")
            }
        }
    }
}
