import Mustache

/// "Your organisations": switch between them or create another.
struct OrganizationsPage: PageViewModel {
    struct Row: MustacheParent, Sendable {
        var name: String
        var url: String
        var roleLabel: String
        var memberCount: Int
        var isCurrent: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "url": url
            case "roleLabel": roleLabel
            case "memberCount": memberCount
            case "isCurrent": isCurrent
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var rows: [Row]
    var form: FormState

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "form": form
        case "createURL": SiteURL.newOrganization.path
        default: nil
        }
    }
}
