import Mustache

/// How an episode's extraction and review read in a list (drama page, episode page).
struct EpisodeProgressLabels {
    var extraction: String
    var extractionClass: String
    var review: String?
    var reviewClass: String
    var hasStoryboard: Bool

    init(_ progress: EpisodeProgress?) {
        switch progress?.extraction ?? .none {
        case .none:
            (extraction, extractionClass, hasStoryboard) = ("Not extracted", "none", false)
        case .inProgress:
            (extraction, extractionClass, hasStoryboard) = ("In progress", "running", false)
        case .failed:
            (extraction, extractionClass, hasStoryboard) = ("Failed", "failed", false)
        case .ingested(let scenes):
            (extraction, extractionClass, hasStoryboard) = ("\(scenes) scenes", "completed", true)
        }
        review = hasStoryboard ? progress?.review?.label ?? "Not reviewed" : nil
        reviewClass = progress?.review?.rawValue ?? "not_reviewed"
    }
}

/// The drama's review progress as one stacked bar: approved, needs changes, not reviewed.
struct ReviewProgressBar: MustacheParent, Sendable {
    var totals: EpisodeProgress.Totals

    init(_ totals: EpisodeProgress.Totals) {
        self.totals = totals
    }

    func child(named name: String) -> Any? {
        switch name {
        case "hasStoryboards": totals.withStoryboard > 0
        case "approved": totals.approved
        case "needsChanges": totals.needsChanges
        case "notReviewed": totals.notReviewed
        case "withStoryboard": totals.withStoryboard
        case "episodes": totals.episodes
        case "approvedPercent": percent(totals.approved)
        default: nil
        }
    }

    func percent(_ count: Int) -> Int {
        totals.withStoryboard == 0 ? 0 : count * 100 / totals.withStoryboard
    }
}
