import Foundation
import MemoriesClient

/// What a submit would send and cost: the episodes chosen, the exact request body, the
/// estimate (upstream's formula, each episode rounded up separately) and what blocks it.
struct SubmitPlan: Sendable {
    struct Item: Sendable, Equatable {
        /// Nil for an asset the catalog does not know (sent through the gateway).
        var episodeId: Int64?
        var number: Int
        var title: String
        var assetId: String
        var durationSeconds: Double?
        var costCents: Int
    }

    var items: [Item]
    /// Plain sentences naming each episode that cannot be sent, and why.
    var blockers: [String]
    var request: SubmitTaskRequest
    var estimateCents: Int
    var unknownDurationNumbers: [Int]

    static func make(episodes: [Episode], options: SubmitOptions) -> SubmitPlan {
        let selection = (try? EpisodeSelection.parse(options.selectionText).get()) ?? .numbers([])
        var items: [Item] = []
        var blockers: [String] = []
        let chosen = episodes.filter { selection.contains($0.number) }.sorted { $0.number < $1.number }
        if case .numbers(let numbers) = selection {
            let existing = Set(episodes.map(\.number))
            let missing = numbers.subtracting(existing).sorted()
            if !missing.isEmpty {
                blockers.append("No episode numbered \(Self.list(missing)) in this drama.")
            }
        }
        for episode in chosen {
            let label = "Episode \(episode.number)"
            if episode.archivedAt != nil {
                if case .all = selection { continue }  // "all" means the active episodes
                blockers.append("\(label) is archived; restore it or leave it out.")
                continue
            }
            if !AssetID.isValid(episode.assetId) {
                blockers.append("\(label) has no memories.ai asset id.")
                continue
            }
            if let duration = episode.durationSeconds, duration >= EpisodeDuration.upstreamLimit {
                blockers.append("\(label) is \(EpisodeDuration.format(duration)) long; memories.ai accepts only episodes under 5:00.")
                continue
            }
            items.append(
                Item(
                    episodeId: episode.id, number: episode.number, title: episode.title, assetId: episode.assetId,
                    durationSeconds: episode.durationSeconds,
                    costCents: episode.durationSeconds.map { ScreenplayPricing.episodeCostCents(durationSeconds: $0) } ?? 0
                )
            )
        }
        if items.isEmpty, blockers.isEmpty { blockers.append("There are no episodes to send.") }
        let request = SubmitTaskRequest(
            rawMode: options.mode,
            episodes: Dictionary(uniqueKeysWithValues: items.map { (String($0.number), $0.assetId) }),
            config: options.config
        )
        return SubmitPlan(
            items: items, blockers: blockers, request: request,
            estimateCents: items.reduce(0) { $0 + $1.costCents },
            unknownDurationNumbers: items.filter { $0.durationSeconds == nil }.map(\.number)
        )
    }

    /// What the budget counts: the estimate, plus the most an episode of unknown length can
    /// cost (under 5 minutes: $5.00), so unknown durations cannot slip past a budget.
    var budgetCents: Int {
        estimateCents + unknownDurationNumbers.count * ScreenplayPricing.episodeCostCents(durationSeconds: EpisodeDuration.upstreamLimit - 1)
    }

    /// The request body as stored and shown: stable key order, so the review page and the
    /// task page show the same text.
    func requestJSON(pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(request) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `3, 5–9, 12` for a sorted list of numbers.
    static func list(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end > index ? "\(numbers[index])–\(numbers[end])" : "\(numbers[index])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}
