/// One page of a list: its rows, how many match in all, and the query it answers (moved onto
/// the last page when it pointed past the end).
struct Page<Row: Sendable>: Sendable {
    var rows: [Row]
    var total: Int
    var query: ListQuery

    func map<Other: Sendable>(_ transform: (Row) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(rows: try rows.map(transform), total: total, query: query)
    }
}
