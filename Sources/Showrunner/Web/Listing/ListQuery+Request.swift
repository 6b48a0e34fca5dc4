import Foundation
import Hummingbird

extension ListQuery {
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
}
