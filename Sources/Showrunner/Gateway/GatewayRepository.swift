import Foundation
import GRDB

/// The gateway's reads and writes: matching raw asset ids to catalog episodes, the
/// organisation's "uncatalogued" drama, and tasks by their upstream id. Every query takes the
/// organisation id.
struct GatewayRepository: Sendable {
    let database: AppDatabase

    /// Where a gateway submit is recorded: a drama and, per episode number, the catalog episode
    /// it matched (nil when no episode of the organisation has that asset id, or several do).
    struct Placement: Sendable {
        var drama: DramaRepository.WithProject
        var episodes: [Int: Episode]
        var isCatalogued: Bool
    }

    static let uncataloguedProjectName = "Gateway"
    static let uncataloguedDramaTitle = "Uncatalogued episodes"

    func place(organizationId: Int64, episodes: [Int: String]) async throws -> Placement {
        try await database.writer.write { db in
            let assets = Array(Set(episodes.values))
            let rows = try Episode.fetchAll(
                db, sql: "SELECT * FROM episode WHERE organizationId = ? AND assetId IN (\(databaseQuestionMarks(count: assets.count)))",
                arguments: StatementArguments([organizationId] + assets)
            )
            let byAsset = Dictionary(grouping: rows, by: \.assetId)
            // One drama holding every asset: the task is that drama's, episode by episode.
            var common: Set<Int64>?
            for asset in assets {
                let dramas = Set((byAsset[asset] ?? []).map(\.dramaId))
                common = common.map { $0.intersection(dramas) } ?? dramas
            }
            if let dramaId = common?.min(), let drama = try DramaRepository.find(organizationId: organizationId, id: dramaId, in: db) {
                var matched: [Int: Episode] = [:]
                for (number, asset) in episodes {
                    matched[number] = byAsset[asset]?.first { $0.dramaId == dramaId }
                }
                return Placement(drama: drama, episodes: matched, isCatalogued: true)
            }
            var matched: [Int: Episode] = [:]
            for (number, asset) in episodes {
                if let candidates = byAsset[asset], candidates.count == 1 { matched[number] = candidates[0] }
            }
            return Placement(drama: try Self.uncataloguedDrama(organizationId: organizationId, in: db), episodes: matched, isCatalogued: false)
        }
    }

    /// The organisation's drama for gateway tasks that fit no catalog drama, made on first use.
    static func uncataloguedDrama(organizationId: Int64, in db: Database) throws -> DramaRepository.WithProject {
        if let dramaId = try Int64.fetchOne(db, sql: "SELECT dramaId FROM gatewayDrama WHERE organizationId = ?", arguments: [organizationId]),
            let found = try DramaRepository.find(organizationId: organizationId, id: dramaId, in: db)
        {
            return found
        }
        let now = Date()
        let project = try db.insertReturning(Project.self, [
            "organizationId": organizationId, "name": uncataloguedProjectName,
            "description": "Created by the memories.ai-compatible gateway for tasks whose asset ids are not the episodes of one catalog drama.",
            "createdAt": now, "updatedAt": now,
        ])
        let drama = try db.insertReturning(Drama.self, [
            "organizationId": organizationId, "projectId": project.id, "title": uncataloguedDramaTitle, "language": "zh-CN",
            "notes": "Tasks submitted through /serve/api/v2 with asset ids the catalog does not hold together. Add the episodes to a drama to review them there.",
            "createdAt": now, "updatedAt": now,
        ])
        try db.execute(
            sql: "INSERT INTO gatewayDrama (organizationId, dramaId) VALUES (?, ?) ON CONFLICT (organizationId) DO UPDATE SET dramaId = excluded.dramaId",
            arguments: [organizationId, drama.id]
        )
        return DramaRepository.WithProject(drama: drama, project: project)
    }

    /// A task of the organisation by the id the gateway handed out (upstream's task id).
    func task(organizationId: Int64, upstreamTaskId: String) async throws -> TaskRecord? {
        try await database.read { db in
            try TaskRecord.fetchOne(
                db, sql: "SELECT * FROM task WHERE upstreamTaskId = ? AND organizationId = ? ORDER BY id DESC LIMIT 1",
                arguments: [upstreamTaskId, organizationId]
            )
        }
    }
}
