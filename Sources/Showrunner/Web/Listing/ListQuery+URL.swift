import Foundation

extension ListQuery {
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
