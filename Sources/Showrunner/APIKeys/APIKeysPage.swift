import Mustache

/// Settings → API keys: the keys this person may see, the form to create one, and once, right
/// after creating it, the new secret with an example request.
struct APIKeysPage: PageViewModel {
    struct KeyRow: MustacheParent, Sendable {
        var name: String
        var masked: String
        var creator: String
        var role: String
        var scope: String
        var created: String
        var lastUsed: String
        var expires: String
        var status: String?
        var revokeURL: String?

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "masked": masked
            case "creator": creator
            case "role": role
            case "scope": scope
            case "created": created
            case "lastUsed": lastUsed
            case "expires": expires
            case "status": status
            case "revokeURL": revokeURL
            default: nil
            }
        }
    }

    /// The secret of the key just created: on this response only.
    struct NewSecret: MustacheParent, Sendable {
        var name: String
        var secret: String
        var exampleCommand: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "secret": secret
            case "exampleCommand": exampleCommand
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var keys: [KeyRow]
    var seesAllKeys: Bool
    var newSecret: NewSecret?
    var createURL: String
    var form: FormState
    var apiDocsURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "keys": keys
        case "hasKeys": !keys.isEmpty
        case "seesAllKeys": seesAllKeys
        case "newSecret": newSecret
        case "createURL": createURL
        case "form": form
        case "apiDocsURL": apiDocsURL
        default: nil
        }
    }
}
