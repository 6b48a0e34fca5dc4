import Foundation
import GRDB
import GRDBSQLite
import Hummingbird
import Metrics
import Prometheus
import NIOCore

/// `GET /metrics`: Prometheus text format, for a bearer token only (`SHOWRUNNER_METRICS_TOKEN`;
/// without one the endpoint does not exist). Requests by route pattern and status with
/// latencies (Hummingbird's `MetricsMiddleware`), upstream calls by endpoint and outcome and
/// the rate-limiter queue (`MemoriesClient`), ingest durations — and, read at each scrape,
/// tasks and uploads by state, live sessions, the database and WAL sizes, the storyboard
/// cache and SQLite's memory.
struct MetricsController<Context: RequestContext> {
    let token: String?
    let database: AppDatabase
    let databasePath: String?
    let storyboardCache: StoryboardCache

    func addRoutes(to router: Router<Context>) {
        router.get("/metrics", use: scrape)
    }

    @Sendable func scrape(_ request: Request, context: Context) async throws -> Response {
        guard let token else {
            return Response.plainText(.notFound, "Metrics are off. Set SHOWRUNNER_METRICS_TOKEN to turn them on.")
        }
        let sent = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        guard SecureToken.constantTimeEquals(sent, token) else {
            var response = Response.plainText(.unauthorized, "A bearer token is required (SHOWRUNNER_METRICS_TOKEN).")
            response.headers[.wwwAuthenticate] = "Bearer realm=\"metrics\""
            return response
        }
        try await recordState()
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: AppMetrics.registry.emitToBuffer())))
    }

    /// The gauges that are a count of rows or a file size: read now, every state written (a
    /// state with no rows must read 0, not keep its last value).
    private func recordState() async throws {
        let counts = try await database.writer.read { db in
            (
                tasks: Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM task GROUP BY status")
                    .map { ($0[0] as String, $0[1] as Int) }),
                uploads: Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM episodeUpload GROUP BY status")
                    .map { ($0[0] as String, $0[1] as Int) }),
                sessions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE expiresAt > ?", arguments: [Date()]) ?? 0
            )
        }
        for status in TaskRecord.Status.allCases {
            Gauge(label: "showrunner_tasks", dimensions: [("status", status.rawValue)]).record(counts.tasks[status.rawValue] ?? 0)
        }
        for status in EpisodeUpload.Status.allCases {
            Gauge(label: "showrunner_episode_uploads", dimensions: [("status", status.rawValue)]).record(counts.uploads[status.rawValue] ?? 0)
        }
        Gauge(label: "showrunner_sessions").record(counts.sessions)
        let cache = storyboardCache.usage
        Gauge(label: "showrunner_storyboard_cache_runs").record(cache.runs)
        Gauge(label: "showrunner_storyboard_cache_bytes").record(cache.bytes)
        // SQLite's own allocations across every connection (page caches, statements, schema).
        Gauge(label: "showrunner_sqlite_memory_bytes").record(sqlite3_memory_used())
        if let databasePath {
            Gauge(label: "showrunner_database_bytes").record(Self.size(databasePath))
            Gauge(label: "showrunner_database_wal_bytes").record(Self.size(databasePath + "-wal"))
        }
    }

    static func size(_ path: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
    }
}
