import Foundation
import Mustache

/// The review box on the storyboard page: the run's state and, for managers, the decision forms.
struct ReviewPanelView: MustacheParent, Sendable {
    var statusLabel: String
    var statusClass: String
    var reason: String?
    var decided: String?
    var canDecide: Bool
    var canReopen: Bool
    var actionURL: String
    var runId: Int64
    var reasonDraft: String
    var reasonError: String?

    init(header: StoryboardHeader, runId: Int64, org: String, role: Role, reasonDraft: String = "", reasonError: String? = nil) {
        let review = header.review
        statusLabel = review?.status.label ?? "Not reviewed"
        statusClass = review?.status.rawValue ?? "not_reviewed"
        reason = review.flatMap { $0.reason.isEmpty ? nil : $0.reason }
        decided = review.map { "\($0.decidedBy ?? "a former member"), \(DisplayFormat.dateTime($0.decidedAt))" }
        canDecide = role.isAtLeast(.manager)
        canReopen = canDecide && review != nil
        actionURL = SiteURL.episodeReview(org: org, episodeId: header.episodeId).path
        self.runId = runId
        self.reasonDraft = reasonDraft
        self.reasonError = reasonError
    }

    func child(named name: String) -> Any? {
        switch name {
        case "statusLabel": statusLabel
        case "statusClass": statusClass
        case "reason": reason
        case "decided": decided
        case "canDecide": canDecide
        case "canReopen": canReopen
        case "actionURL": actionURL
        case "runId": runId
        case "reasonDraft": reasonDraft
        case "reasonError": reasonError
        default: nil
        }
    }
}
