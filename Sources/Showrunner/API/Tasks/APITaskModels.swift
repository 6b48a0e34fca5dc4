import Foundation
import MemoriesClient

/// Tasks as the API shows and takes them (snake_case on the wire; decoded property names
/// avoid acronyms so `require_json` maps to `requireJson`).
enum APITasks {
    /// `"all"` or a list of episode numbers.
    enum EpisodeChoice: Decodable, Sendable, Equatable {
        case all
        case numbers([Int])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                guard text == "all" else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "use \"all\" or a list of episode numbers")
                }
                self = .all
                return
            }
            guard let numbers = try? container.decode([Int].self) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "use \"all\" or a list of episode numbers")
            }
            self = .numbers(numbers)
        }

        /// As the submit form's selection text.
        var selectionText: String {
            switch self {
            case .all: "all"
            case .numbers(let numbers): numbers.map(String.init).joined(separator: ",")
            }
        }
    }

    /// Upstream's `config`, every field optional with upstream's defaults.
    struct Config: Codable, Sendable, Equatable {
        var language: String?
        var useFaceRecognition: Bool?
        var useSubtitle: Bool?
        var requireJson: Bool?
        var requireXlsx: Bool?
        var requireMergeXlsx: Bool?
        var concurrency: Int?

        init(_ config: ScreenplayConfig) {
            language = config.language
            useFaceRecognition = config.useFaceRecognition
            useSubtitle = config.useSubtitle
            requireJson = config.requireJSON
            requireXlsx = config.requireXLSX
            requireMergeXlsx = config.requireMergeXLSX
            concurrency = config.concurrency
        }
    }

    struct SubmitBody: Decodable, Sendable {
        var episodes: EpisodeChoice
        var config: Config?
        var mode: String?
        var dryRun: Bool?
    }

    struct ResubmitBody: Decodable, Sendable {
        /// Only the episodes that got no storyboard.
        var onlyMissing: Bool?
        var dryRun: Bool?
    }

    struct PlannedEpisode: Encodable, Sendable {
        var episodeId: Int64?
        var number: Int
        var assetId: String
        var durationSeconds: Double?
        var estimatedCostCents: Int
    }

    struct Budget: Encodable, Sendable {
        var monthlyBudgetCents: Int
        var spentCents: Int
        var afterCents: Int
        var allowed: Bool
    }

    /// The dry run's answer, as the review page shows it.
    struct Estimate: Encodable, Sendable {
        var dryRun = true
        var dramaId: Int64
        var episodes: [PlannedEpisode]
        var estimatedCostCents: Int
        /// Counted at the most they can cost by the budget; upstream charges them too.
        var unknownDurationEpisodes: [Int]
        /// Why episodes asked for cannot be sent; a submit with any of these is refused.
        var blockers: [String]
        var budget: Budget?
        /// `organization`, `server` or `simulator`: which memories.ai account it would use.
        var account: String
        /// The exact body that would be sent to memories.ai.
        var request: SubmitTaskRequest
    }

    struct Progress: Encodable, Sendable {
        var completedEpisodes: Int
        var totalEpisodes: Int
    }

    struct Failure: Encodable, Sendable {
        var code: String?
        var message: String?
    }

    struct Task: Encodable, Sendable {
        var id: Int64
        var projectId: Int64
        var dramaId: Int64
        var status: String
        var resultStatus: String
        var upstreamTaskId: String?
        var mode: String
        var episodeCount: Int
        var estimatedCostCents: Int
        var reportedCostCents: Int?
        var progress: Progress?
        var error: Failure?
        var resultError: String?
        var account: String
        var submittedByUserId: Int64?
        var apiKeyId: Int64?
        var resubmittedFromTaskId: Int64?
        var createdAt: Date
        var updatedAt: Date
        var finishedAt: Date?
        /// Only on single-task answers: the episodes as sent.
        var episodes: [TaskEpisode]?

        init(_ task: TaskRecord, episodes: [TaskEpisode]? = nil) {
            id = task.id
            projectId = task.projectId
            dramaId = task.dramaId
            status = task.status.rawValue
            resultStatus = task.resultStatus.rawValue
            upstreamTaskId = task.upstreamTaskId
            mode = task.mode
            episodeCount = task.episodeCount
            estimatedCostCents = task.estimatedCostCents
            reportedCostCents = task.reportedCostCents
            if let completed = task.progressCompleted, let total = task.progressTotal {
                progress = Progress(completedEpisodes: completed, totalEpisodes: total)
            }
            if task.errorCode != nil || task.errorMessage != nil { error = Failure(code: task.errorCode, message: task.errorMessage) }
            resultError = task.resultError
            account = task.credentialKind
            submittedByUserId = task.submittedByUserId
            apiKeyId = task.apiKeyId
            resubmittedFromTaskId = task.resubmittedFromTaskId
            createdAt = task.createdAt
            updatedAt = task.updatedAt
            finishedAt = task.finishedAt
            self.episodes = episodes
        }
    }

    struct TaskEpisode: Encodable, Sendable {
        var number: Int
        var episodeId: Int64?
        var assetId: String
        var durationSeconds: Double?
        var estimatedCostCents: Int
        /// Set once its storyboard is ingested.
        var runId: Int64?
    }
}
