import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import MemoriesClient
import MemoriesSimulator
import Showrunner
import Testing

/// An organisation (signed up through the pages) whose drama has episodes with ingested
/// storyboards: the task row is written directly, the result goes through the real ingest.
struct IngestedDrama {
    let org: String
    let organizationId: Int64
    let projectId: Int64
    let dramaId: Int64
    let taskId: Int64
    /// Catalog episode ids by episode number.
    let episodeIds: [Int: Int64]

    var firstEpisode: Int64 { episodeIds[1] ?? 0 }

    static let episodes = SimulatedResultArchive.demoEpisodes(count: 2)

    /// Signs `browser` up as the owner of a new organisation and ingests `zip` (default: the
    /// simulator's result for two demo episodes) as a completed task of its drama.
    static func make(
        _ browser: Browser, database: AppDatabase, title: String = "The Hidden Heir", language: String = "zh-CN",
        zip: URL? = nil
    ) async throws -> IngestedDrama {
        let email = "supervisor-\(UUID().uuidString.prefix(8))@example.com"
        let dashboard = try await Accounts.signUp(browser, email: email, organization: "Studio \(UUID().uuidString.prefix(6))")
        let org = Accounts.slug(from: dashboard)
        let project = try await CatalogSteps.project(browser, org: org)
        let drama = try await CatalogSteps.drama(browser, org: org, project: project, title: title)
        for (index, episode) in episodes.enumerated() {
            let response = try await CatalogSteps.episode(
                browser, org: org, drama: drama, number: index + 1, asset: episode.assetID, duration: String(Int(episode.durationSeconds))
            )
            #expect(response.status == .seeOther, "\(response.text)")
        }
        let (organizationId, episodeIds) = try await database.writer.read { db in
            let organizationId = try #require(try Int64.fetchOne(db, sql: "SELECT organizationId FROM drama WHERE id = ?", arguments: [drama]))
            let rows = try Row.fetchAll(db, sql: "SELECT number, id FROM episode WHERE dramaId = ?", arguments: [drama])
            return (organizationId, Dictionary(uniqueKeysWithValues: rows.map { (($0[0] as Int), ($0[1] as Int64)) }))
        }
        var made = IngestedDrama(org: org, organizationId: organizationId, projectId: project, dramaId: drama, taskId: 0, episodeIds: episodeIds)
        let result = try zip ?? IngestFixtures.simulatorZip(episodes: episodes, language: language)
        made = IngestedDrama(org: org, organizationId: organizationId, projectId: project, dramaId: drama, taskId: try await made.ingest(result, database: database), episodeIds: episodeIds)
        return made
    }

    /// Ingests `zip` as a new completed task over the drama's episodes (or `only` those
    /// numbers); returns the task id.
    func ingest(_ zip: URL, database: AppDatabase, only numbers: Set<Int>? = nil) async throws -> Int64 {
        let episodeIds = numbers.map { wanted in self.episodeIds.filter { wanted.contains($0.key) } } ?? self.episodeIds
        let taskId = try await database.writer.write { [self, episodeIds] db in
            try IngestScenario.insertTask(db, organizationId: organizationId, projectId: projectId, dramaId: dramaId, episodeIds: episodeIds)
        }
        let map = Dictionary(uniqueKeysWithValues: episodeIds.map { (String($0.key), Optional($0.value)) })
        _ = try await ResultIngest(database: database).ingest(
            archiveAt: zip, taskId: taskId, organizationId: organizationId, episodes: map, limits: .default, inTransaction: { _, _ in }
        )
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE task SET resultStatus = 'ingested' WHERE id = ?", arguments: [taskId])
        }
        return taskId
    }

    func storyboardPath(_ episodeNumber: Int = 1) -> String {
        "/o/\(org)/episodes/\(episodeIds[episodeNumber] ?? 0)/storyboard"
    }

    func episodePath(_ episodeNumber: Int = 1) -> String {
        "/o/\(org)/episodes/\(episodeIds[episodeNumber] ?? 0)"
    }
}

/// HTML escaping as the templates do it, to find upstream text in a page.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
