import Mustache

/// An organisation's home page.
struct DashboardPage: PageViewModel {
    var chrome: PageChrome
    var organizationName: String
    var roleLabel: String
    var memberCount: Int
    var membersURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "organizationName": organizationName
        case "roleLabel": roleLabel
        case "memberCount": memberCount
        case "membersURL": membersURL
        default: nil
        }
    }
}
