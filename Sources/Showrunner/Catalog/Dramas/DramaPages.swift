import Mustache

/// An episode row in a drama page.
struct EpisodeRow: MustacheParent, Sendable {
    var number: Int
    var title: String
    var assetId: String
    var duration: String
    var durationWarning: String?
    var updated: String
    var isArchived: Bool
    var editURL: String
    var canEdit: Bool
    var showURL: String
    var storyboardURL: String?
    var extraction: String
    var extractionClass: String
    var review: String?
    var reviewClass: String
    var openComments: Int

    func child(named name: String) -> Any? {
        switch name {
        case "showURL": showURL
        case "storyboardURL": storyboardURL
        case "extraction": extraction
        case "extractionClass": extractionClass
        case "review": review
        case "reviewClass": reviewClass
        case "openComments": openComments > 0 ? openComments : nil
        case "number": number
        case "title": title
        case "assetId": assetId
        case "duration": duration
        case "durationWarning": durationWarning
        case "updated": updated
        case "isArchived": isArchived
        case "editURL": editURL
        case "canEdit": canEdit
        default: nil
        }
    }
}

/// `/o/:org/dramas/:drama`
struct DramaPage: PageViewModel {
    var chrome: PageChrome
    var title: String
    var language: String
    var notes: String
    var stats: [Stat]
    var warnings: [String]
    var actions: ItemActions
    var episodes: [EpisodeRow]
    var controls: ListControls
    var newEpisodeURL: String
    var importURL: String
    var uploadURL: String
    var exportURL: String
    var newTaskURL: String
    var tasksURL: String
    var charactersURL: String
    var reviewProgress: ReviewProgressBar

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "title": title
        case "language": language
        case "notes": notes
        case "stats": stats
        case "warnings": warnings
        case "actions": actions
        case "episodes": episodes
        case "hasEpisodes": !episodes.isEmpty
        case "controls": controls
        case "newEpisodeURL": newEpisodeURL
        case "importURL": importURL
        case "uploadURL": uploadURL
        case "exportURL": exportURL
        case "newTaskURL": newTaskURL
        case "tasksURL": tasksURL
        case "charactersURL": charactersURL
        case "reviewProgress": reviewProgress
        default: nil
        }
    }
}
