import Foundation
import Hummingbird

/// Cursor pagination: `?limit=` (1–200, default 50) and `?cursor=` from the previous answer's
/// `next_cursor`. The cursor is the sort key of the last row sent (documented as opaque), so
/// pages stay correct while rows are added: keyset paging, an index seek rather than an OFFSET
/// scan. Any string of digits is a valid cursor; past the end it gives an empty page.
struct APIPaging: Sendable, Equatable {
    static let defaultLimit = 50
    static let maximumLimit = 200

    var limit: Int
    /// The last sort key of the previous page, if any.
    var after: Int64?

    init(limit: Int = APIPaging.defaultLimit, after: Int64? = nil) {
        self.limit = limit
        self.after = after
    }

    init(request: Request) throws {
        let query = request.uri.queryParameters
        limit = Self.defaultLimit
        if let text = query.get("limit") {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw APIError.invalid("limit must be a whole number from 1 to \(Self.maximumLimit).", code: "invalid_parameter")
            }
            limit = value
        }
        if let cursor = query.get("cursor"), !cursor.isEmpty {
            guard let value = Self.decode(cursor) else {
                throw APIError.invalid("cursor is not one this API returned.", code: "invalid_parameter")
            }
            after = value
        }
    }

    static func encode(_ key: Int64) -> String {
        String(key)
    }

    static func decode(_ cursor: String) -> Int64? {
        guard cursor.utf8.count <= 18, cursor.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int64(cursor)
    }

    /// Given up to `limit + 1` rows, the page to send and the cursor for the next one.
    func page<Row>(_ rows: [Row], key: (Row) -> Int64) -> (rows: [Row], nextCursor: String?) {
        guard rows.count > limit else { return (rows, nil) }
        let page = Array(rows.prefix(limit))
        return (page, page.last.map { Self.encode(key($0)) })
    }
}
