import Foundation
import GRDB
import Hummingbird
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `GET /readyz`: 200 when the server can do its work — every migration applied, the database
/// takes a write, the data folder has room, every background service is running — else 503,
/// with each check in the JSON body. `/healthz` stays the cheap liveness check.
struct ReadinessController<Context: RequestContext> {
    let database: AppDatabase
    let migrations: [String]
    let dataDirectory: URL
    let minimumFreeBytes: Int64
    let services: ServiceMonitor

    struct Readiness: ResponseEncodable {
        let status: String
        let database: String
        let migrations: String
        let disk: String
        let services: [String: String]
    }

    func addRoutes(to router: Router<Context>) {
        router.get("/readyz", use: check)
    }

    @Sendable func check(_ request: Request, context: Context) async throws -> EditedResponse<Readiness> {
        var ready = true
        let databaseState: String
        let migrationState: String
        do {
            // A write transaction: the lock is free and the file is writable.
            let applied = try await database.writer.write { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            databaseState = "ok"
            let missing = migrations.filter { !Set(applied).contains($0) }
            migrationState = missing.isEmpty ? "ok (\(applied.count) applied)" : "missing \(missing.joined(separator: ", "))"
            ready = ready && missing.isEmpty
        } catch {
            context.logger.error("readiness: database check failed", metadata: ["error": "\(error)"])
            databaseState = "error"
            migrationState = "unknown"
            ready = false
        }
        let free = Self.freeBytes(at: dataDirectory)
        let diskState: String
        if let free {
            let enough = free >= minimumFreeBytes
            ready = ready && enough
            diskState = (enough ? "ok" : "low") + " (\(ByteCountFormatter.string(fromByteCount: free, countStyle: .file)) free)"
        } else {
            diskState = "unknown"
            ready = false
        }
        let states = services.snapshot.mapValues(\.rawValue)
        ready = ready && states.values.allSatisfy { $0 == ServiceMonitor.State.running.rawValue }
        return EditedResponse(
            status: ready ? .ok : .serviceUnavailable, headers: [.cacheControl: "no-store"],
            response: Readiness(
                status: ready ? "ready" : "not_ready", database: databaseState, migrations: migrationState, disk: diskState, services: states))
    }

    static func freeBytes(at url: URL) -> Int64? {
        var stats = statvfs()
        guard statvfs(url.path, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }
}
