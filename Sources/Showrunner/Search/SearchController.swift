import Foundation
import GRDB
import Hummingbird

/// `GET /o/:org/search?q=…&project=…&page=…`
struct SearchController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.search, use: search)
    }

    /// Kept in `PageCache` while the organisation's pages stand still.
    @Sendable func search(_ request: Request, context: Context) async throws -> HTML {
        try await dependencies.pageCache.page(request, context: context) { try await renderSearch(request, context: context) }
    }

    func renderSearch(_ request: Request, context: Context) async throws -> HTML {
        let parameters = request.uri.queryParameters
        let text = String(parameters.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let projectId = parameters.get("project").flatMap { Int64($0) }
        let page = parameters.get("page").flatMap { Int($0) } ?? 1
        let projects = try await dependencies.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name FROM project WHERE organizationId = ? AND archivedAt IS NULL ORDER BY name COLLATE NOCASE",
                arguments: [context.organizationId]
            ).map { (id: $0[0] as Int64, name: $0[1] as String) }
        }
        // Another organisation's project id finds nothing rather than everything.
        if let projectId, !projects.contains(where: { $0.id == projectId }) { throw DomainError.notFound }
        var results: SearchRepository.Results?
        var message: String?
        if !text.isEmpty {
            if let query = SearchQuery(text) {
                results = try await dependencies.search
                    .search(query, organizationId: context.organizationId, projectId: projectId, page: page)
            } else {
                message = "Type a word to search for: punctuation alone finds nothing."
            }
        }
        let view = SearchPage(
            chrome: PageChrome(title: text.isEmpty ? "Search" : "Search: \(text)", context: context, trail: [.init(label: "Search")]),
            org: context.slug, query: text, projects: projects, projectId: projectId, results: results, message: message
        )
        return try dependencies.renderer.render(view, template: "search/index")
    }
}
