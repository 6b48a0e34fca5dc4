import Foundation
import Hummingbird
import Logging
import MemoriesClient

/// `POST /hooks/memories/{token}`: upstream's callback. It is unauthenticated upstream, so it
/// is never trusted: a known task id only makes that task due for a status check now (which
/// the tracker does within a second, within the rate limit); an unknown id, a forged or a
/// repeated callback changes nothing. Always 200 for a known token, so upstream stops retrying.
struct WebhookController<Context: RequestContext> {
    let endpoints: WebhookEndpointRepository
    let queue: TaskQueue
    let serverFingerprints: [String]

    static var maxBodyBytes: Int { 64 * 1024 }

    func addRoutes(to router: Router<Context>) {
        router.post("hooks/memories/:token", use: receive)
    }

    @Sendable func receive(_ request: Request, context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        let organizationId: Int64?
        let fingerprints: [String]
        if token == endpoints.serverToken {
            organizationId = nil
            fingerprints = serverFingerprints
        } else if token.count <= 100, let id = try await endpoints.organization(forToken: token) {
            organizationId = id
            fingerprints = []
        } else {
            throw HTTPError(.notFound)
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBodyBytes)
        let callback = try? JSONDecoder().decode(ScreenplayCallback.self, from: Data(body.readableBytesView))
        guard let taskId = callback?.screenplayTaskID, !taskId.isEmpty, taskId.count <= 200 else {
            context.logger.notice("webhook body not understood")
            return Response(status: .ok)
        }
        let matched = try await queue.requestCheck(upstreamTaskId: taskId, organizationId: organizationId, fingerprints: fingerprints)
        context.logger.info("webhook", metadata: ["matched": "\(matched)"])
        return Response(status: .ok)
    }
}
