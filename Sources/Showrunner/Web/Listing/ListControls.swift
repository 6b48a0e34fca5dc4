import Mustache

/// Sortable column headers, pager and search box state for a list page.
struct ListControls: MustacheParent, Sendable {
    struct Column: MustacheParent, Sendable {
        var label: String
        var url: String
        var isSorted: Bool
        var arrow: String
        var ariaSort: String
        var numeric: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "numeric": numeric
            case "label": label
            case "url": url
            case "isSorted": isSorted
            case "arrow": arrow
            case "ariaSort": ariaSort
            default: nil
            }
        }
    }

    var columns: [String: Column]
    var search: String
    var showArchived: Bool
    var formURL: String
    var sortKey: String
    var direction: String
    var total: Int
    var page: Int
    var pageCount: Int
    var previousURL: String?
    var nextURL: String?
    var toggleArchivedURL: String
    var rangeLabel: String

    init<Row>(page: Page<Row>, path: String, sorts: [ListQuery.SortOption]) {
        self.init(query: page.query, total: page.total, path: path, sorts: sorts)
    }

    init(query: ListQuery, total: Int, path: String, sorts: [ListQuery.SortOption]) {
        var columns: [String: Column] = [:]
        for option in sorts {
            let isSorted = option.key == query.sortKey
            let url = query.url(path) {
                $0.sortKey = option.key
                $0.descending = isSorted ? !query.descending : false
                $0.page = 1
            }
            columns[option.key] = Column(
                label: option.label, url: url, isSorted: isSorted,
                arrow: isSorted ? (query.descending ? "▼" : "▲") : "",
                ariaSort: isSorted ? (query.descending ? "descending" : "ascending") : "none",
                numeric: option.numeric
            )
        }
        self.columns = columns
        self.search = query.search
        self.showArchived = query.showArchived
        self.formURL = path
        self.sortKey = query.sortKey
        self.direction = query.descending ? "desc" : "asc"
        self.total = total
        self.page = query.page
        self.pageCount = max(1, (total + query.pageSize - 1) / query.pageSize)
        self.previousURL = query.page > 1 ? query.url(path) { $0.page -= 1 } : nil
        self.nextURL = query.page < pageCount ? query.url(path) { $0.page += 1 } : nil
        self.toggleArchivedURL = query.url(path) {
            $0.showArchived.toggle()
            $0.page = 1
        }
        let first = total == 0 ? 0 : query.offset + 1
        self.rangeLabel = "\(first)–\(min(query.offset + query.pageSize, total)) of \(total)"
    }

    func child(named name: String) -> Any? {
        switch name {
        case "columns": columns
        case "search": search
        case "hasSearch": !search.isEmpty
        case "showArchived": showArchived
        case "formURL": formURL
        case "sortKey": sortKey
        case "direction": direction
        case "total": total
        case "page": page
        case "pageCount": pageCount
        case "hasPages": pageCount > 1
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "toggleArchivedURL": toggleArchivedURL
        case "rangeLabel": rangeLabel
        default: nil
        }
    }
}
