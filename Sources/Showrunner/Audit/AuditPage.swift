import Mustache

/// Settings → Audit log: entries newest first, filtered by action, member and date.
struct AuditPage: PageViewModel {
    struct Row: MustacheParent, Sendable {
        var when: String
        var actor: String
        var action: String
        var summary: String
        var address: String

        func child(named name: String) -> Any? {
            switch name {
            case "when": when
            case "actor": actor
            case "action": action
            case "summary": summary
            case "address": address
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var rows: [Row]
    var actionOptions: [FormField.Option]
    var memberOptions: [FormField.Option]
    var since: String
    var filterURL: String
    var olderURL: String?
    var newestURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "actionOptions": actionOptions
        case "memberOptions": memberOptions
        case "since": since
        case "filterURL": filterURL
        case "olderURL": olderURL
        case "newestURL": newestURL
        default: nil
        }
    }
}
