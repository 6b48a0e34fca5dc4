import Mustache

/// Settings → memories.ai: the organisation's keys, which one tasks use, and the webhook URL.
struct UpstreamSettingsPage: PageViewModel {
    struct KeyRow: MustacheParent, Sendable {
        var name: String
        var masked: String
        var isDefault: Bool
        var isDisabled: Bool
        var lastTest: String?
        var created: String
        var testURL: String
        var defaultURL: String
        var disableURL: String
        var enableURL: String
        var deleteURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "masked": masked
            case "isDefault": isDefault
            case "isDisabled": isDisabled
            case "lastTest": lastTest
            case "created": created
            case "testURL": testURL
            case "defaultURL": defaultURL
            case "disableURL": disableURL
            case "enableURL": enableURL
            case "deleteURL": deleteURL
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var keys: [KeyRow]
    var activeAccount: String
    var serverMode: String
    var webhookURL: String
    var webhookLastReceived: String?
    /// Set when the URL names this machine only, which memories.ai cannot reach.
    var webhookWarning: String?
    var serverAccountNote: String?
    var addURL: String
    var rotateURL: String
    var form: FormState
    var canManage: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "keys": keys
        case "hasKeys": !keys.isEmpty
        case "activeAccount": activeAccount
        case "serverMode": serverMode
        case "webhookURL": webhookURL
        case "webhookLastReceived": webhookLastReceived
        case "webhookWarning": webhookWarning
        case "serverAccountNote": serverAccountNote
        case "addURL": addURL
        case "rotateURL": rotateURL
        case "form": form
        case "canManage": canManage
        default: nil
        }
    }
}
