import Foundation
import GRDB
import Testing

@testable import Showrunner

/// Dates read by integer arithmetic equal GRDB's own decoding, and rows decoded by position
/// match their tables' column order.
@Suite struct StoredDateTests {
    @Test func parsedDatesEqualGRDBsDecoding() throws {
        let queue = try DatabaseQueue()
        var generator = SystemRandomNumberGenerator()
        var texts = ["2024-02-29 23:59:59.999", "2000-01-01 00:00:00.000", "1970-01-01 00:00:00", "1969-12-31 23:59:59.5", "2100-03-01 12:00:00.07"]
        for _ in 0..<2_000 {
            // Any millisecond from 1900 to 2200, written as GRDB writes dates.
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)) / 1_000)
            texts.append(try queue.read { db in try String.fetchOne(db, sql: "SELECT ?", arguments: [date]) } ?? "")
        }
        try queue.read { db in
            for text in texts {
                let row = try #require(try Row.fetchOne(db, sql: "SELECT ?", arguments: [text]))
                let expected: Date = try row.decode(atIndex: 0)
                #expect(try row.storedDate(atIndex: 0) == expected, "\(text)")
                #expect(StoredDate.parse(Data(text.utf8)) == expected, "\(text)")
            }
        }
    }

    @Test func otherTextGoesToGRDBOrFails() throws {
        for text in ["2024-02-30 00:00:00.000", "2024-13-01 00:00:00", "2024-01-01T00:00:00.000", "2024-01-01", "2024-01-01 00:00:00.0000", "x"] {
            #expect(StoredDate.parse(Data(text.utf8)) == nil, "\(text)")
        }
        let queue = try DatabaseQueue()
        try queue.read { db in
            // A date GRDB reads in another form is still read (by GRDB).
            let dayOnly = try #require(try Row.fetchOne(db, sql: "SELECT '2024-01-02', NULL, 'not a date'"))
            #expect(try dayOnly.storedDate(atIndex: 0) == (try dayOnly.decode(atIndex: 0) as Date))
            #expect(try dayOnly.storedDateIfPresent(atIndex: 1) == nil)
            #expect(throws: (any Error).self) { try dayOnly.storedDate(atIndex: 1) }
            #expect(throws: (any Error).self) { try dayOnly.storedDate(atIndex: 2) }
        }
    }

    @Test func rowsDecodedByPositionMatchTheirTables() throws {
        let database = try TestApp.database()
        let tables = try database.writer.read { db in
            try ["episode", "drama", "project"].map { try db.columns(in: $0).map(\.name) }
        }
        #expect(tables == [Episode.columns, Drama.columns, Project.columns])
    }
}
