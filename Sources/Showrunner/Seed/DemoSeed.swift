import Foundation
import GRDB
import MemoriesSimulator

/// A populated demo organisation for first runs and benchmarks: 3 projects, 12 dramas and
/// 642 episodes whose asset ids the simulator knows, so tasks can be run on them offline.
public enum DemoSeed {
    public static let email = "demo@showrunner.local"
    public static let organizationName = "Demo Studio"

    public struct Result: Sendable {
        public let organizationSlug: String
        public let projects: Int
        public let dramas: Int
        public let episodes: Int
        public let createdUser: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        case alreadySeeded(String)

        public var description: String {
            switch self {
            case .alreadySeeded(let slug): "The demo organisation already exists (/o/\(slug)); nothing was changed."
            }
        }
    }

    /// The projects and which demo series (by index into `DemoAssets.series`) each holds.
    static let plan: [(name: String, description: String, series: Range<Int>)] = [
        ("Spring Slate 2027", "Mandarin romance and family dramas for the spring release window.", 0..<4),
        ("Summer Hits", "Fast-turnaround Mandarin series; subtitles and English dubbing to follow.", 4..<9),
        ("Global English Line", "English-language originals for the international app.", 9..<12),
    ]

    /// Creates the demo user (unless one exists), the organisation, its projects, dramas and episodes
    /// in one transaction. `passwordHash` is used only when the user is created.
    public static func run(database: AppDatabase, passwordHash: String, now: Date = Date()) async throws -> Result {
        let series = DemoAssets.series
        return try await database.writer.write { db in
            var user = try User.fetchOne(db, sql: "SELECT * FROM user WHERE email = ?", arguments: [email])
            let createdUser = user == nil
            if user == nil {
                user = try UserRepository(database: database).create(
                    email: email, displayName: "Demo Producer", passwordHash: passwordHash, in: db, now: now
                )
            }
            guard var owner = user else { throw DatabaseError(message: "demo user missing") }
            let ownerId = owner.id
            if let existing = try String.fetchOne(
                db,
                sql: "SELECT o.slug FROM organization o JOIN membership m ON m.organizationId = o.id WHERE o.name = ? AND m.userId = ?",
                arguments: [organizationName, ownerId]
            ) {
                throw Failure.alreadySeeded(existing)
            }
            let organization = try OrganizationRepository.insertOrganization(name: organizationName, ownerId: ownerId, in: db, now: now)
            let organizationId = organization.id
            owner.lastOrganizationId = organizationId
            try owner.update(db)

            var dramaCount = 0
            var episodeCount = 0
            for (offset, entry) in plan.enumerated() {
                // Stagger timestamps so "recently updated" lists have an order.
                let stamp = now.addingTimeInterval(Double(offset - plan.count) * 86_400)
                let projectId = try db.insertReturning(Project.self, [
                    "organizationId": organizationId, "name": entry.name, "description": entry.description,
                    "createdAt": stamp, "updatedAt": stamp,
                ]).id
                for index in entry.series where index < series.count {
                    let show = series[index]
                    let english = show.languageHint == "en"
                    let dramaId = try db.insertReturning(Drama.self, [
                        "organizationId": organizationId, "projectId": projectId, "title": english ? show.titleEN : show.titleZH,
                        "language": show.languageHint, "notes": english ? "" : "English title: \(show.titleEN)",
                        "createdAt": stamp, "updatedAt": stamp,
                    ]).id
                    dramaCount += 1
                    let statement = try db.makeStatement(
                        sql: """
                            INSERT INTO episode (organizationId, dramaId, number, title, assetId, durationSeconds, notes, createdAt, updatedAt)
                            VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)
                            """
                    )
                    for asset in show.assets {
                        let number = asset.episodeNumber ?? (episodeCount + 1)
                        let title = english ? "Episode \(number)" : "第\(number)集"
                        try statement.execute(arguments: [organizationId, dramaId, number, title, asset.assetID, asset.durationSeconds, stamp, stamp])
                        episodeCount += 1
                    }
                }
            }
            return Result(
                organizationSlug: organization.slug, projects: plan.count, dramas: dramaCount, episodes: episodeCount, createdUser: createdUser
            )
        }
    }
}
