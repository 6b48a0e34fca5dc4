import Foundation
import GRDB

/// A drama's cast and where each character appears, counted over each episode's current run
/// (earlier runs of an episode would count the same scenes twice).
public struct CharacterRepository: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The current runs of the drama's episodes.
    private static let currentRuns = """
        SELECT c.runId FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId
        WHERE e.dramaId = :drama AND e.organizationId = :org AND c.runId IS NOT NULL
        """

    public func cast(organizationId: Int64, dramaId: Int64) async throws -> DramaCast {
        try await database.read { db in try Self.cast(organizationId: organizationId, dramaId: dramaId, in: db) }
    }

    static func cast(organizationId: Int64, dramaId: Int64, in db: Database) throws -> DramaCast {
        let arguments: StatementArguments = ["drama": dramaId, "org": organizationId]
        var counts: [Int64: [Int: DramaCast.Appearance]] = [:]
        let grouped = try Row.fetchAll(
            db,
            sql: """
                WITH cur AS (\(currentRuns))
                SELECT 0, sc.characterId, r.episodeNumber, COUNT(*) FROM sceneCharacter sc
                  JOIN storyboardScene s ON s.id = sc.sceneId JOIN storyboardRun r ON r.id = s.runId
                  WHERE r.id IN cur GROUP BY 2, 3
                UNION ALL
                SELECT 1, l.speakerCharacterId, r.episodeNumber, COUNT(*) FROM dialogueLine l JOIN storyboardRun r ON r.id = l.runId
                  WHERE r.id IN cur AND l.speakerCharacterId IS NOT NULL GROUP BY 2, 3
                UNION ALL
                SELECT 2, hc.characterId, r.episodeNumber, SUM(h.endSeconds - h.startSeconds) FROM shotCharacter hc
                  JOIN storyboardShot h ON h.id = hc.shotId JOIN storyboardRun r ON r.id = h.runId
                  WHERE r.id IN cur GROUP BY 2, 3
                """,
            arguments: arguments
        )
        for row in grouped {
            let kind: Int = row[0]
            let character: Int64 = row[1]
            let episode: Int = row[2]
            var appearance = counts[character, default: [:]][episode, default: DramaCast.Appearance()]
            switch kind {
            case 0: appearance.scenes = row[3]
            case 1: appearance.lines = row[3]
            default: appearance.screenSeconds = row[3]
            }
            counts[character, default: [:]][episode] = appearance
        }
        let entries = try Row.fetchAll(
            db,
            sql: """
                WITH cur AS (\(currentRuns))
                SELECT tc.id, tc.name, tc.aliasesJSON, tc.role, tc.faceClusterId FROM taskCharacter tc
                WHERE tc.organizationId = :org AND tc.taskId IN (SELECT r.taskId FROM storyboardRun r WHERE r.id IN cur)
                """,
            arguments: arguments
        ).map { row in
            let id: Int64 = row[0]
            return DramaCast.Entry(
                id: id, name: row[1], aliases: CharacterAliases.decode(row[2]), role: row[3], faceClusterId: row[4],
                perEpisode: counts[id] ?? [:]
            )
        }
        let episodes = try Int.fetchAll(
            db,
            sql: "WITH cur AS (\(currentRuns)) SELECT DISTINCT r.episodeNumber FROM storyboardRun r WHERE r.id IN cur ORDER BY 1",
            arguments: arguments
        )
        return DramaCast(entries: entries, episodeNumbers: episodes)
    }

    /// A scene a character is in, with how many lines they speak there.
    public struct SceneAppearance: Sendable, Equatable {
        public var episodeId: Int64
        public var episodeNumber: Int
        public var sceneNumber: Int
        public var heading: String
        public var start: Double
        public var end: Double
        public var summary: String
        public var lines: Int
    }

    /// Every scene of the drama's current runs that any of `characterIds` is in, in episode order.
    public func scenes(organizationId: Int64, dramaId: Int64, characterIds: [Int64]) async throws -> [SceneAppearance] {
        guard !characterIds.isEmpty else { return [] }
        return try await database.read { db in
            let list = characterIds.map(String.init).joined(separator: ",")
            return try Row.fetchAll(
                db,
                sql: """
                    WITH cur AS (\(Self.currentRuns))
                    SELECT r.episodeId, r.episodeNumber, s.number, s.heading, s.startSeconds, s.endSeconds, s.summary,
                           (SELECT COUNT(*) FROM dialogueLine l WHERE l.sceneId = s.id AND l.speakerCharacterId IN (\(list)))
                    FROM storyboardScene s JOIN storyboardRun r ON r.id = s.runId
                    WHERE r.id IN cur AND r.organizationId = :org
                      AND EXISTS (SELECT 1 FROM sceneCharacter sc WHERE sc.sceneId = s.id AND sc.characterId IN (\(list)))
                    ORDER BY r.episodeNumber, s.number
                    """,
                arguments: ["drama": dramaId, "org": organizationId]
            ).map { row in
                SceneAppearance(
                    episodeId: row[0], episodeNumber: row[1], sceneNumber: row[2], heading: row[3], start: row[4], end: row[5],
                    summary: row[6], lines: row[7]
                )
            }
        }
    }
}
