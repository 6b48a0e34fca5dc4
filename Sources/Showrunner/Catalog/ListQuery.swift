import Foundation
import Hummingbird

/// Search, sort, page and archive filter of a list page, read from the query string and
/// written back into links. Sort keys are whitelisted per list, so nothing from the URL
/// reaches SQL except as a bound value.
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

    /// Reads `q`, `sort`, `dir`, `page` and `archived`; unknown values fall back to defaults.
    init(request: Request, sorts: [SortOption], defaultSort: String, defaultDescending: Bool = false, pageSize: Int = 25) {
        let parameters = request.uri.queryParameters
        search = String((parameters.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        let requested = parameters.get("sort") ?? defaultSort
        sortKey = sorts.contains { $0.key == requested } ? requested : defaultSort
        if let direction = parameters.get("dir") {
            descending = direction == "desc"
        } else {
            descending = sortKey == defaultSort ? defaultDescending : false
        }
        page = max(1, min(parameters.get("page").flatMap { Int($0) } ?? 1, 100_000))
        showArchived = parameters.get("archived") == "1"
        self.pageSize = pageSize
    }

    var offset: Int { (page - 1) * pageSize }

    /// The same query with `page` moved onto the last page when it points past the end.
    func clamped(toTotal total: Int) -> ListQuery {
        var copy = self
        copy.page = min(page, max(1, (total + pageSize - 1) / pageSize))
        return copy
    }

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

    /// `path?…` with this query's parameters, changed by `change`. Defaults are left out.
    func url(_ path: String, _ change: (inout ListQuery) -> Void = { _ in }) -> String {
        var copy = self
        change(&copy)
        var items: [(String, String)] = []
        if !copy.search.isEmpty { items.append(("q", copy.search)) }
        items.append(("sort", copy.sortKey))
        items.append(("dir", copy.descending ? "desc" : "asc"))
        if copy.page > 1 { items.append(("page", String(copy.page))) }
        if copy.showArchived { items.append(("archived", "1")) }
        let query = items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")" }
        return path + "?" + query.joined(separator: "&")
    }
}
