import Foundation
import Mustache

/// `/o/:org/episodes/:episode`: the episode's facts, its storyboard links, every run and the
/// review history.
struct EpisodePage: PageViewModel {
    struct RunRow: MustacheParent, Sendable {
        var taskLabel: String
        var taskURL: String
        var ingested: String
        var counts: String
        var language: String
        var review: String
        var reviewClass: String
        var isCurrent: Bool
        var chosen: String?
        var viewURL: String
        var runId: Int64
        var canChoose: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "taskLabel": taskLabel
            case "taskURL": taskURL
            case "ingested": ingested
            case "counts": counts
            case "language": language
            case "review": review
            case "reviewClass": reviewClass
            case "isCurrent": isCurrent
            case "chosen": chosen
            case "viewURL": viewURL
            case "runId": runId
            case "canChoose": canChoose
            default: nil
            }
        }
    }

    struct HistoryRow: MustacheParent, Sendable {
        var text: String
        var reason: String?
        var at: String

        func child(named name: String) -> Any? {
            switch name {
            case "text": text
            case "reason": reason
            case "at": at
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var heading: String
    var assetId: String
    var duration: String
    var notes: String
    var isArchived: Bool
    var storyboardURL: String?
    var transcriptURL: String?
    var editURL: String?
    var chooseURL: String
    var runs: [RunRow]
    var history: [HistoryRow]

    init(
        chrome: PageChrome, found: EpisodeRepository.WithParents, runs: [ReviewRepository.RunSummary],
        history: [ReviewRepository.HistoryEntry], org: String, role: Role
    ) {
        let episode = found.episode
        self.chrome = chrome
        heading = episode.title.isEmpty ? "Episode \(episode.number)" : "Episode \(episode.number) · \(episode.title)"
        assetId = episode.assetId
        duration = episode.durationSeconds.map(EpisodeDuration.format) ?? "—"
        notes = episode.notes
        isArchived = episode.archivedAt != nil
        let hasRun = !runs.isEmpty
        storyboardURL = hasRun ? SiteURL.storyboard(org: org, episodeId: episode.id).path : nil
        transcriptURL = hasRun ? SiteURL.transcript(org: org, episodeId: episode.id).path : nil
        editURL = role.isAtLeast(.member) ? SiteURL.episode(org: org, id: episode.id, action: .edit).path : nil
        chooseURL = SiteURL.episodeCurrentRun(org: org, episodeId: episode.id).path
        let canChoose = role.isAtLeast(.manager)
        self.runs = runs.map { run in
            RunRow(
                taskLabel: "Task #\(run.taskId)", taskURL: SiteURL.task(org: org, id: run.taskId).path,
                ingested: DisplayFormat.dateTime(run.ingestedAt),
                counts: "\(run.sceneCount) scenes · \(run.shotCount) shots · \(run.lineCount) lines", language: run.language,
                review: run.review?.label ?? "Not reviewed", reviewClass: run.review?.rawValue ?? "not_reviewed",
                isCurrent: run.isCurrent,
                chosen: run.chosenBy.map { who in "chosen by \(who)" + (run.chosenAt.map { ", \(DisplayFormat.dateTime($0))" } ?? "") },
                viewURL: SiteURL.storyboard(org: org, episodeId: episode.id).path + (run.isCurrent ? "" : "?run=\(run.id)"),
                runId: run.id, canChoose: canChoose && !run.isCurrent
            )
        }
        self.history = history.map { entry in
            let task = entry.taskId.map { " (task #\($0))" } ?? ""
            let text = switch entry.action {
            case "approved": "\(entry.who) approved the storyboard\(task)"
            case "needs_changes": "\(entry.who) asked for changes\(task)"
            case "reopened": "\(entry.who) set the storyboard back to not reviewed\(task)"
            case "run_chosen": "\(entry.who) made the run of\(task.isEmpty ? " an earlier task" : task) current"
            default: "\(entry.who): \(entry.action)\(task)"
            }
            return HistoryRow(text: text, reason: entry.reason.isEmpty ? nil : entry.reason, at: DisplayFormat.dateTime(entry.at))
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "heading": heading
        case "assetId": assetId
        case "duration": duration
        case "notes": notes.isEmpty ? nil : notes
        case "isArchived": isArchived
        case "storyboardURL": storyboardURL
        case "transcriptURL": transcriptURL
        case "editURL": editURL
        case "chooseURL": chooseURL
        case "runs": runs
        case "hasRuns": !runs.isEmpty
        case "history": history
        case "hasHistory": !history.isEmpty
        default: nil
        }
    }
}
