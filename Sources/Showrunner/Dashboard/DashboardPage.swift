import Mustache

/// An organisation's home page: catalog totals and the most recently updated projects.
struct DashboardPage: PageViewModel {
    var chrome: PageChrome
    var organizationName: String
    var roleLabel: String
    var stats: [Stat]
    var projects: [ProjectRow]
    var projectsURL: String
    var newProjectURL: String
    var canEdit: Bool
    var inFlight: [TaskRow]
    var spend: [SpendRow]
    var tasksURL: String

    struct SpendRow: MustacheParent, Sendable {
        var project: String
        var url: String
        var spent: String
        var budget: String
        var overBudget: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "project": project
            case "url": url
            case "spent": spent
            case "budget": budget
            case "overBudget": overBudget
            default: nil
            }
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "inFlight": inFlight
        case "hasInFlight": !inFlight.isEmpty
        case "spend": spend
        case "hasSpend": !spend.isEmpty
        case "tasksURL": tasksURL
        case "liveURL": tasksURL + "/live"
        case "chrome": chrome
        case "organizationName": organizationName
        case "roleLabel": roleLabel
        case "stats": stats
        case "projects": projects
        case "hasProjects": !projects.isEmpty
        case "projectsURL": projectsURL
        case "newProjectURL": newProjectURL
        case "canEdit": canEdit
        default: nil
        }
    }
}
