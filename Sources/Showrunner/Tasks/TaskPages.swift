import Mustache

/// One row of a task history list.
struct TaskRow: MustacheParent, Sendable {
    var id: Int64
    var url: String
    var status: String
    var statusClass: String
    var result: String
    var drama: String
    var dramaURL: String
    var project: String
    var episodes: Int
    var progress: String
    var cost: String
    var submitter: String
    var submitted: String
    var projectURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "projectURL": projectURL
        case "id": id
        case "url": url
        case "status": status
        case "statusClass": statusClass
        case "result": result
        case "drama": drama
        case "dramaURL": dramaURL
        case "project": project
        case "episodes": episodes
        case "progress": progress
        case "cost": cost
        case "submitter": submitter
        case "submitted": submitted
        default: nil
        }
    }
}

/// Task history with filters.
struct TaskListPage: PageViewModel {
    typealias Choice = FormField.Option

    var chrome: PageChrome
    var heading: String
    var rows: [TaskRow]
    var statuses: [FormField.Option]
    var submitters: [FormField.Option]
    var projects: [FormField.Option]
    var dramas: [FormField.Option]
    var since: String
    var until: String
    var formURL: String
    var total: Int
    var previousURL: String?
    var nextURL: String?
    var rangeLabel: String
    var hiddenFilters: [HiddenField]
    var live: Bool
    var isFiltered: Bool
    var clearURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "heading": heading
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "statuses": statuses
        case "submitters": submitters
        case "projects": projects
        case "dramas": dramas
        case "since": since
        case "until": until
        case "formURL": formURL
        case "total": total
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "rangeLabel": rangeLabel
        case "hiddenFilters": hiddenFilters
        case "live": live
        case "liveURL": SiteURL.tasks(org: chrome.organization?.slug ?? "").path + "/live"
        case "isFiltered": isFiltered
        case "clearURL": clearURL
        default: nil
        }
    }
}

/// One task: request, cost, progress, timeline, per-episode results, artifacts, actions.
struct TaskPage: PageViewModel {
    struct Event: MustacheParent, Sendable {
        var time: String
        var kind: String
        var message: String
        var actor: String?

        func child(named name: String) -> Any? {
            switch name {
            case "time": time
            case "kind": kind
            case "message": message
            case "actor": actor
            default: nil
            }
        }
    }

    struct EpisodeResult: MustacheParent, Sendable {
        var number: Int
        var url: String?
        var assetId: String
        var duration: String
        var cost: String
        var scenes: String
        var shots: String
        var lines: String

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "url": url
            case "assetId": assetId
            case "duration": duration
            case "cost": cost
            case "scenes": scenes
            case "shots": shots
            case "lines": lines
            default: nil
            }
        }
    }

    struct Artifact: MustacheParent, Sendable {
        var label: String
        var url: String
        var perEpisode = false

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var id: Int64
    var status: String
    var statusClass: String
    var result: String
    var dramaTitle: String
    var dramaURL: String
    var upstreamTaskId: String?
    var submitter: String
    var submitted: String
    var account: String
    var estimate: String
    var reported: String?
    /// Who ran it, for labels: "memories.ai" or "the simulator".
    var upstreamName: String
    var progressPercent: Int
    var progressLabel: String
    var errorCode: String?
    var errorMessage: String?
    var resultError: String?
    var outcomeUnknown: Bool
    var attempts: Int
    var requestBody: String
    var events: [Event]
    var episodes: [EpisodeResult]
    var artifacts: [Artifact]
    var canCancel: Bool
    var canResubmit: Bool
    var canResubmitMissing: Bool
    var canRetry: Bool
    var cancelURL: String
    var resubmitURL: String
    var retryURL: String
    var attachURL: String
    var eventsURL: String
    var live: Bool
    var resubmittedFromURL: String?

    var mainArtifacts: [Artifact] { artifacts.filter { !$0.perEpisode } }
    var episodeWorkbooks: [Artifact] { artifacts.filter(\.perEpisode) }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "id": id
        case "status": status
        case "statusClass": statusClass
        case "result": result
        case "dramaTitle": dramaTitle
        case "dramaURL": dramaURL
        case "upstreamTaskId": upstreamTaskId
        case "submitter": submitter
        case "submitted": submitted
        case "account": account
        case "estimate": estimate
        case "reported": reported
        case "upstreamName": upstreamName
        case "progressPercent": progressPercent
        case "progressLabel": progressLabel
        case "errorCode": errorCode
        case "errorMessage": errorMessage
        case "resultError": resultError
        case "outcomeUnknown": outcomeUnknown
        case "attempts": attempts
        case "requestBody": requestBody
        case "events": events
        case "episodes": episodes
        case "artifacts": artifacts
        case "hasArtifacts": !artifacts.isEmpty
        case "mainArtifacts": mainArtifacts
        case "episodeWorkbooks": episodeWorkbooks
        case "hasEpisodeWorkbooks": artifacts.contains(where: \.perEpisode)
        case "canCancel": canCancel
        case "canResubmit": canResubmit
        case "canResubmitMissing": canResubmitMissing
        case "canRetry": canRetry
        case "cancelURL": cancelURL
        case "resubmitURL": resubmitURL
        case "retryURL": retryURL
        case "attachURL": attachURL
        case "eventsURL": eventsURL
        case "live": live
        case "resubmittedFromURL": resubmittedFromURL
        default: nil
        }
    }
}
