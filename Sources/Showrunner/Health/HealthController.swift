import Foundation
import GRDB
import Hummingbird
import Logging

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
struct HealthController<Context: RequestContext> {
    let database: AppDatabase

    struct Health: ResponseEncodable {
        let status: String
        let database: String
    }

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.health.route, use: check)
    }

    @Sendable func check(_ request: Request, context: Context) async throws -> EditedResponse<Health> {
        do {
            _ = try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            return EditedResponse(status: .ok, headers: [.cacheControl: "no-store"], response: Health(status: "ok", database: "ok"))
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            return EditedResponse(
                status: .serviceUnavailable, headers: [.cacheControl: "no-store"], response: Health(status: "unavailable", database: "error")
            )
        }
    }
}
