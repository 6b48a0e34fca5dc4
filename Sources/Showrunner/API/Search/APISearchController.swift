import Foundation
import Hummingbird

/// Full-text search over the current storyboards (`q` as in the search box; `project` narrows
/// it), best matches first, 20 a page; `next_cursor` walks the ranked window.
struct APISearchController {
    let dependencies: AppDependencies

    func register(in handlers: inout APIHandlers) {
        handlers.add("search", search)
    }

    struct Hit: Encodable {
        var kind: String
        var episodeId: Int64
        var episodeNumber: Int
        var episodeTitle: String
        var dramaId: Int64
        var dramaTitle: String
        var sceneNumber: Int
        var shotNumber: Int?
        var lineOrdinal: Int?
        var heading: String
        var speaker: String?
        var start: Double
        /// The matched text; `highlights` are [start, end) character offsets into it.
        var text: String
        var highlights: [[Int]]

        init(_ hit: SearchRepository.Hit) {
            kind = hit.kind.rawValue
            episodeId = hit.episodeId
            episodeNumber = hit.episodeNumber
            episodeTitle = hit.episodeTitle
            dramaId = hit.dramaId
            dramaTitle = hit.dramaTitle
            sceneNumber = hit.sceneNumber
            shotNumber = hit.shotNumber
            lineOrdinal = hit.lineOrdinal
            heading = hit.heading
            speaker = hit.speaker
            start = hit.start
            var text = ""
            var highlights: [[Int]] = []
            var offset = 0
            for segment in hit.segments {
                let length = segment.text.count
                if segment.isMatch { highlights.append([offset, offset + length]) }
                text += segment.text
                offset += length
            }
            self.text = text
            self.highlights = highlights
        }
    }

    @Sendable func search(_ request: Request, context: APIContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        guard let text = parameters.get("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.invalid("q is required: the words to search for.", code: "invalid_parameter")
        }
        let projectId = try APITasksController.optionalId(parameters.get("project"), name: "project")
        var page = 1
        if let cursor = parameters.get("cursor"), !cursor.isEmpty {
            guard let value = APIPaging.decode(cursor) else {
                throw APIError.invalid("cursor is not one this API returned.", code: "invalid_parameter")
            }
            // Past the ranked window there is nothing more to send.
            guard value <= Int64(SearchRepository.rankedWindow / SearchRepository.pageSize) else {
                return try APIJSON.response(APIList<Hit>(data: [], nextCursor: nil))
            }
            page = max(1, Int(value))
        }
        if let projectId, try await ProjectRepository(database: dependencies.database).find(organizationId: context.organizationId, id: projectId) == nil {
            throw APIError.notFound("project")
        }
        guard let query = SearchQuery(text) else {
            return try APIJSON.response(APIList<Hit>(data: [], nextCursor: nil))
        }
        let results = try await dependencies.search
            .search(query, organizationId: context.organizationId, projectId: projectId, page: page)
        let next = page < results.pageCount ? APIPaging.encode(Int64(page + 1)) : nil
        return try APIJSON.response(APIList(data: results.hits.map(Hit.init), nextCursor: next))
    }
}
