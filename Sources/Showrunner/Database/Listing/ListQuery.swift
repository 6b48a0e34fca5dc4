import Foundation

/// Search, sort, page and archive filter of a list page: plain values. The web layer reads it
/// from the query string and writes it back into links (`ListQuery+Request`, `ListQuery+URL`);
/// the data layer turns it into SQL (`ListQuery+SQL`). Sort keys are whitelisted per list, so
/// nothing from the URL reaches SQL except as a bound value.
struct ListQuery: Sendable, Equatable {
    struct SortOption: Sendable {
        let key: String
        let label: String
        /// SQL for ORDER BY, ascending; a unique tiebreaker keeps pages stable.
        let ascending: String
        let descending: String
        /// Right-aligned like the numbers in its column.
        var numeric: Bool = false
    }

    var search: String
    var sortKey: String
    var descending: Bool
    var page: Int
    var showArchived: Bool
    let pageSize: Int

    init(search: String = "", sortKey: String, descending: Bool = false, page: Int = 1, showArchived: Bool = false, pageSize: Int) {
        self.search = search
        self.sortKey = sortKey
        self.descending = descending
        self.page = page
        self.showArchived = showArchived
        self.pageSize = pageSize
    }

    var offset: Int { (page - 1) * pageSize }

    /// The same query with `page` moved onto the last page when it points past the end.
    func clamped(toTotal total: Int) -> ListQuery {
        var copy = self
        copy.page = min(page, max(1, (total + pageSize - 1) / pageSize))
        return copy
    }
}
