import Foundation

/// The catalog as the API shows it (snake_case on the wire).
enum APICatalog {
    struct Project: Encodable, Sendable, Equatable {
        var id: Int64
        var name: String
        var description: String
        var archived: Bool
        var monthlyBudgetCents: Int?
        var dramaCount: Int
        var episodeCount: Int
        var createdAt: Date
        var updatedAt: Date
    }

    struct Drama: Encodable, Sendable, Equatable {
        var id: Int64
        var projectId: Int64
        var title: String
        var language: String
        var notes: String
        var archived: Bool
        var episodeCount: Int
        var totalSeconds: Double
        var createdAt: Date
        var updatedAt: Date
    }

    struct Episode: Encodable, Sendable, Equatable {
        var id: Int64
        var dramaId: Int64
        var number: Int
        var title: String
        var assetId: String
        var durationSeconds: Double?
        var notes: String
        var archived: Bool
        /// The storyboard run shown for it (the chosen one, else the newest), if any.
        var currentRunId: Int64?
        /// `approved`, `needs_changes` or `not_reviewed` for the current run; nil without one.
        var reviewStatus: String?
        var createdAt: Date
        var updatedAt: Date

        init(_ episode: Showrunner.Episode, currentRunId: Int64?, review: String?) {
            id = episode.id
            dramaId = episode.dramaId
            number = episode.number
            title = episode.title
            assetId = episode.assetId
            durationSeconds = episode.durationSeconds
            notes = episode.notes
            archived = episode.archivedAt != nil
            self.currentRunId = currentRunId
            reviewStatus = currentRunId == nil ? nil : review ?? "not_reviewed"
            createdAt = episode.createdAt
            updatedAt = episode.updatedAt
        }
    }

    /// `PUT /dramas/{id}/episodes`: create or update episodes by number.
    struct EpisodeUpsert: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            var number: Int
            var assetId: String
            var title: String?
            var durationSeconds: Double?
            var notes: String?
        }
        var episodes: [Item]
    }

    struct UpsertResult: Encodable, Sendable {
        var created: Int
        var updated: Int
        var unchanged: Int
        var episodes: [Episode]
    }
}
