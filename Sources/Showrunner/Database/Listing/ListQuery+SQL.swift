import Foundation
import GRDB

extension ListQuery {
    /// A LIKE pattern for `search`, with LIKE's wildcards escaped (use `ESCAPE '\'`).
    var likePattern: String {
        let escaped = search.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%\(escaped)%"
    }

    func orderBy(_ sorts: [SortOption]) -> String {
        guard let option = sorts.first(where: { $0.key == sortKey }) ?? sorts.first else { return "id" }
        return descending ? option.descending : option.ascending
    }

    /// One page of rows and the total, in one read transaction so they always agree.
    /// `countSQL` is `SELECT COUNT(*) …` over the same filter; `selectSQL` lacks ORDER BY and
    /// LIMIT, which come from the query. A page past the end moves onto the last page.
    /// `arguments` are named. Both statements are cached per connection: their text depends
    /// only on the filters and sort in use (the page is bound), so the set stays small.
    /// `knownTotal` is the count when the caller read it already (a page's totals), and
    /// `countSQL` is then not run.
    func fetchPage<Row: FetchableRecord & Sendable>(
        _ type: Row.Type, countSQL: String, selectSQL: String, sorts: [SortOption], arguments: StatementArguments,
        knownTotal: Int? = nil, in db: Database
    ) throws -> Page<Row> {
        let total = try knownTotal ?? Int.fetchOne(db.cachedStatement(sql: countSQL), arguments: arguments) ?? 0
        let clamped = clamped(toTotal: total)
        var pageArguments = arguments
        _ = pageArguments.append(contentsOf: ["pageLimit": pageSize, "pageOffset": clamped.offset])
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "\(selectSQL) ORDER BY \(orderBy(sorts)) LIMIT :pageLimit OFFSET :pageOffset"),
            arguments: pageArguments
        )
        return Page(rows: rows, total: total, query: clamped)
    }
}
