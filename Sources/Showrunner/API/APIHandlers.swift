import Hummingbird

/// One API handler, registered under the `operationId` the OpenAPI document gives it.
typealias APIHandler = @Sendable (Request, APIContext) async throws -> Response

/// The handlers of every `/api/v1` operation by `operationId`. Routes are made from the
/// OpenAPI document (`Public/openapi.json`) and looked up here, so the document and the
/// server cannot disagree: an operation without a handler, or a handler without an
/// operation, stops the server from starting (and fails the tests).
struct APIHandlers: Sendable {
    private(set) var byOperation: [String: APIHandler] = [:]

    mutating func add(_ operationId: String, _ handler: @escaping APIHandler) {
        precondition(byOperation[operationId] == nil, "two handlers for \(operationId)")
        byOperation[operationId] = handler
    }

    static func all(_ dependencies: AppDependencies) -> APIHandlers {
        var handlers = APIHandlers()
        APICatalogController(dependencies: dependencies).register(in: &handlers)
        APITasksController(dependencies: dependencies).register(in: &handlers)
        APIStoryboardController(dependencies: dependencies).register(in: &handlers)
        APIReviewController(dependencies: dependencies).register(in: &handlers)
        APISearchController(dependencies: dependencies).register(in: &handlers)
        return handlers
    }
}

extension APIContext {
    /// A path parameter that must be a positive id; anything else names nothing (404).
    func id(_ name: String) throws -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0 else { throw APIError.notFound() }
        return id
    }
}
