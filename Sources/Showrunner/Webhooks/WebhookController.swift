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
        if SecureToken.constantTimeEquals(token, endpoints.serverToken) {
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
        // Only the ids matter (the status is read back from upstream), so decode nothing else:
        // a callback with an odd code or status still prompts its check.
        let callback = try? JSONDecoder().decode(CallbackIDs.self, from: Data(body.readableBytesView))
        guard let taskId = callback?.data?.taskID ?? callback?.taskID, !taskId.isEmpty, taskId.count <= 200 else {
            context.logger.notice("webhook body not understood")
            return Response(status: .ok)
        }
        let matched = try await queue.requestCheck(upstreamTaskId: taskId, organizationId: organizationId, fingerprints: fingerprints)
        context.logger.info("webhook", metadata: ["matched": "\(matched)"])
        return Response(status: .ok)
    }
}

/// The two places upstream puts the task id in a callback: `data.task_id`, then `task_id`.
struct CallbackIDs: Decodable {
    struct Inner: Decodable {
        var taskID: String?
        enum CodingKeys: String, CodingKey { case taskID = "task_id" }
    }

    var taskID: String?
    var data: Inner?

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case data
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try? container.decodeIfPresent(String.self, forKey: .taskID)
        data = try? container.decodeIfPresent(Inner.self, forKey: .data)
    }
}
