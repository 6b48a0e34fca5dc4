import Foundation
import Mustache

/// The episode storyboard page: header, review state, links and the cached scene list.
struct StoryboardPage: PageViewModel {
    struct Link: MustacheParent, Sendable {
        var label: String
        var url: String

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var header: StoryboardHeaderView
    var jsonURL: String
    var scenesHTML: PrerenderedHTML?
    var review: ReviewPanelView?
    var comments: CommentsView?
    var player: PlayerView?

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "header": header
        case "jsonURL": jsonURL
        case "scenesHTML": scenesHTML
        case "hasRun": scenesHTML != nil
        case "review": review
        case "comments": comments
        case "player": player
        default: nil
        }
    }
}

/// The part of the storyboard and transcript pages above the content.
struct StoryboardHeaderView: MustacheParent, Sendable {
    var heading: String
    var dramaTitle: String
    var dramaURL: String
    var episodeURL: String
    var storyboardURL: String
    var transcriptURL: String
    var charactersURL: String
    var newTaskURL: String?
    var runLabel: String?
    var taskURL: String?
    var ingested: String?
    var counts: String?
    var notCurrent: Bool
    var newerRunWaiting: Bool
    var statusLabel: String
    var statusClass: String
    var previousURL: String?
    var nextURL: String?
    var exports: [StoryboardPage.Link]
    var runQuery: String

    init(_ header: StoryboardHeader, org: String, explicitRun: Bool, canSubmit: Bool) {
        let episodeId = header.episodeId
        heading = header.episodeTitle.isEmpty ? "Episode \(header.episodeNumber)" : "Episode \(header.episodeNumber) · \(header.episodeTitle)"
        dramaTitle = header.dramaTitle
        dramaURL = SiteURL.drama(org: org, id: header.dramaId).path
        episodeURL = SiteURL.episode(org: org, id: episodeId, action: .show).path
        let query = explicitRun ? header.run.map { "?run=\($0.id)" } ?? "" : ""
        runQuery = query
        storyboardURL = SiteURL.storyboard(org: org, episodeId: episodeId).path + query
        transcriptURL = SiteURL.transcript(org: org, episodeId: episodeId).path + query
        charactersURL = SiteURL.characters(org: org, dramaId: header.dramaId).path
        newTaskURL = canSubmit ? SiteURL.newTask(org: org, dramaId: header.dramaId).path : nil
        if let run = header.run {
            runLabel = "Task #\(run.taskId)"
            taskURL = SiteURL.task(org: org, id: run.taskId).path
            ingested = DisplayFormat.dateTime(run.ingestedAt)
            counts = "\(run.sceneCount) scenes · \(run.shotCount) shots · \(run.lineCount) lines"
            notCurrent = !run.isCurrent
            exports = StoryboardExport.allCases.map {
                StoryboardPage.Link(label: $0.label, url: SiteURL.storyboardExport(org: org, episodeId: episodeId, $0).path + query)
            }
        } else {
            notCurrent = false
            exports = []
        }
        newerRunWaiting = header.runIsPinned && header.runCount > 1 && (header.run?.isCurrent ?? false)
        let status = header.review?.status
        statusLabel = status?.label ?? (header.run == nil ? "No storyboard" : "Not reviewed")
        statusClass = status?.rawValue ?? "not_reviewed"
        previousURL = header.previousEpisodeId.map { SiteURL.storyboard(org: org, episodeId: $0).path }
        nextURL = header.nextEpisodeId.map { SiteURL.storyboard(org: org, episodeId: $0).path }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "dramaTitle": dramaTitle
        case "dramaURL": dramaURL
        case "episodeURL": episodeURL
        case "storyboardURL": storyboardURL
        case "transcriptURL": transcriptURL
        case "charactersURL": charactersURL
        case "newTaskURL": newTaskURL
        case "runLabel": runLabel
        case "taskURL": taskURL
        case "ingested": ingested
        case "counts": counts
        case "notCurrent": notCurrent
        case "newerRunWaiting": newerRunWaiting
        case "statusLabel": statusLabel
        case "statusClass": statusClass
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "exports": exports
        case "hasExports": !exports.isEmpty
        default: nil
        }
    }
}
