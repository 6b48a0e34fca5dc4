import Foundation
import Hummingbird

/// Projects, dramas and episodes: reads, and the bulk upsert of a drama's episodes by number.
struct APICatalogController {
    let dependencies: AppDependencies

    var catalog: APICatalogRepository { APICatalogRepository(database: dependencies.database) }

    /// At most this many episodes per upsert request (a long series fits in a few).
    static let maximumUpsert = 1000

    func register(in handlers: inout APIHandlers) {
        handlers.add("listProjects", listProjects)
        handlers.add("getProject", getProject)
        handlers.add("listDramas", listDramas)
        handlers.add("getDrama", getDrama)
        handlers.add("listEpisodes", listEpisodes)
        handlers.add("upsertEpisodes", upsertEpisodes)
        handlers.add("getEpisode", getEpisode)
    }

    static func includeArchived(_ request: Request) throws -> Bool {
        switch request.uri.queryParameters.get("archived") {
        case nil, "false": false
        case "true": true
        default: throw APIError.invalid("archived must be true or false.", code: "invalid_parameter")
        }
    }

    @Sendable func listProjects(_ request: Request, context: APIContext) async throws -> Response {
        let paging = try APIPaging(request: request)
        let rows = try await catalog.projects(organizationId: context.organizationId, paging: paging, includeArchived: try Self.includeArchived(request))
        let page = paging.page(rows, key: \.id)
        return try APIJSON.response(APIList(data: page.rows, nextCursor: page.nextCursor))
    }

    @Sendable func getProject(_ request: Request, context: APIContext) async throws -> Response {
        guard let project = try await catalog.project(organizationId: context.organizationId, id: try context.id("project_id")) else {
            throw APIError.notFound("project")
        }
        return try APIJSON.response(APIItem(data: project))
    }

    @Sendable func listDramas(_ request: Request, context: APIContext) async throws -> Response {
        let paging = try APIPaging(request: request)
        guard let rows = try await catalog.dramas(
            organizationId: context.organizationId, projectId: try context.id("project_id"), paging: paging,
            includeArchived: try Self.includeArchived(request)
        ) else { throw APIError.notFound("project") }
        let page = paging.page(rows, key: \.id)
        return try APIJSON.response(APIList(data: page.rows, nextCursor: page.nextCursor))
    }

    @Sendable func getDrama(_ request: Request, context: APIContext) async throws -> Response {
        guard let drama = try await catalog.drama(organizationId: context.organizationId, id: try context.id("drama_id")) else {
            throw APIError.notFound("drama")
        }
        return try APIJSON.response(APIItem(data: drama))
    }

    @Sendable func listEpisodes(_ request: Request, context: APIContext) async throws -> Response {
        let paging = try APIPaging(request: request)
        guard let rows = try await catalog.episodes(
            organizationId: context.organizationId, dramaId: try context.id("drama_id"), paging: paging,
            includeArchived: try Self.includeArchived(request)
        ) else { throw APIError.notFound("drama") }
        let page = paging.page(rows) { Int64($0.number) }
        return try APIJSON.response(APIList(data: page.rows, nextCursor: page.nextCursor))
    }

    @Sendable func getEpisode(_ request: Request, context: APIContext) async throws -> Response {
        guard let episode = try await catalog.episode(organizationId: context.organizationId, id: try context.id("episode_id")) else {
            throw APIError.notFound("episode")
        }
        return try APIJSON.response(APIItem(data: episode))
    }

    @Sendable func upsertEpisodes(_ request: Request, context: APIContext) async throws -> Response {
        try context.require(.member)
        let dramaId = try context.id("drama_id")
        let body = try await APIJSON.decode(APICatalog.EpisodeUpsert.self, from: request, context: context)
        try Self.validate(body.episodes)
        do {
            let result = try await catalog.upsert(organizationId: context.organizationId, dramaId: dramaId, items: body.episodes)
            return try APIJSON.response(APIItem(data: result))
        } catch DomainError.notFound {
            throw APIError.notFound("drama")
        } catch let conflict as EpisodeConflict {
            switch conflict {
            case .numberTaken(let number, _):
                throw APIError.conflict("Episode \(number) already exists.", code: "episode_conflict")
            case .assetTaken(let assetId, let number):
                throw APIError.conflict("\(assetId) is already episode \(number) of this drama; nothing was changed.", code: "asset_conflict")
            }
        }
    }

    /// Every item is checked before anything is written; the first problem names its index.
    static func validate(_ items: [APICatalog.EpisodeUpsert.Item]) throws {
        guard !items.isEmpty else { throw APIError.invalid("episodes must list at least one episode.") }
        guard items.count <= maximumUpsert else { throw APIError.invalid("Send at most \(maximumUpsert) episodes per request.") }
        var seen = Set<Int>()
        for (index, item) in items.enumerated() {
            let at = "episodes[\(index)]"
            guard item.number > 0, item.number < 100_000 else { throw APIError.invalid("\(at).number must be from 1 to 99999.") }
            guard seen.insert(item.number).inserted else { throw APIError.invalid("\(at).number \(item.number) appears twice.") }
            if let problem = AssetID.problem(with: item.assetId) { throw APIError.invalid("\(at).asset_id: \(problem)") }
            if let title = item.title, title.count > 200 { throw APIError.invalid("\(at).title: use at most 200 characters.") }
            if let notes = item.notes, notes.count > 5000 { throw APIError.invalid("\(at).notes: use at most 5,000 characters.") }
            if let duration = item.durationSeconds, !(duration.isFinite && duration > 0 && duration < 86_400) {
                throw APIError.invalid("\(at).duration_seconds must be a positive number of seconds.")
            }
        }
    }
}
