import Mustache

/// A project row in the dashboard and the project list.
struct ProjectRow: MustacheParent, Sendable {
    var name: String
    var url: String
    var description: String
    var dramaCount: Int
    var episodeCount: Int
    var minutes: String
    var updated: String
    var isArchived: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "description": description
        case "dramaCount": dramaCount
        case "episodeCount": episodeCount
        case "minutes": minutes
        case "updated": updated
        case "isArchived": isArchived
        default: nil
        }
    }
}

/// `/o/:org/projects`
struct ProjectListPage: PageViewModel {
    var chrome: PageChrome
    var rows: [ProjectRow]
    var controls: ListControls
    var newURL: String
    var canEdit: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "controls": controls
        case "newURL": newURL
        case "canEdit": canEdit
        default: nil
        }
    }
}

/// A drama row in a project page.
struct DramaRow: MustacheParent, Sendable {
    var title: String
    var url: String
    var language: String
    var episodeCount: Int
    var minutes: String
    var updated: String
    var isArchived: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "language": language
        case "episodeCount": episodeCount
        case "minutes": minutes
        case "updated": updated
        case "isArchived": isArchived
        default: nil
        }
    }
}

/// `/o/:org/projects/:project`
struct ProjectPage: PageViewModel {
    var chrome: PageChrome
    var name: String
    var description: String
    var stats: [Stat]
    var actions: ItemActions
    var dramas: [DramaRow]
    var controls: ListControls
    var newDramaURL: String
    var budget: BudgetLine

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "budget": budget
        case "name": self.name
        case "description": description
        case "stats": stats
        case "actions": actions
        case "dramas": dramas
        case "hasDramas": !dramas.isEmpty
        case "controls": controls
        case "newDramaURL": newDramaURL
        default: nil
        }
    }
}

/// The project's monthly screenplay budget and this month's spend; managers can change it.
struct BudgetLine: MustacheParent, Sendable {
    var summary: String
    var overBudget: Bool
    var value: String
    var formURL: String
    var tasksURL: String
    var canSet: Bool
    var error: String?

    func child(named name: String) -> Any? {
        switch name {
        case "summary": summary
        case "overBudget": overBudget
        case "value": value
        case "formURL": formURL
        case "tasksURL": tasksURL
        case "canSet": canSet
        case "error": error
        default: nil
        }
    }
}
