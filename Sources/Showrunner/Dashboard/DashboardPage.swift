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

    func child(named name: String) -> Any? {
        switch name {
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
