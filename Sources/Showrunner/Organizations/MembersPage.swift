import Mustache

/// Members of an organisation, pending invitations, and (for admins) the invite form.
struct MembersPage: PageViewModel {
    struct MemberRow: MustacheParent, Sendable {
        var displayName: String
        var email: String
        var roleLabel: String
        var since: String
        var isYou: Bool
        var canEdit: Bool
        var roleOptions: [FormField.Option]
        var roleURL: String
        var removeURL: String
        var removeLabel: String

        func child(named name: String) -> Any? {
            switch name {
            case "displayName": displayName
            case "email": email
            case "roleLabel": roleLabel
            case "since": since
            case "isYou": isYou
            case "canEdit": canEdit
            case "roleOptions": roleOptions
            case "roleURL": roleURL
            case "removeURL": removeURL
            case "removeLabel": removeLabel
            default: nil
            }
        }
    }

    struct InvitationRow: MustacheParent, Sendable {
        var email: String
        var roleLabel: String
        var createdBy: String
        var expires: String
        var revokeURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "email": email
            case "roleLabel": roleLabel
            case "createdBy": createdBy
            case "expires": expires
            case "revokeURL": revokeURL
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var members: [MemberRow]
    var invitations: [InvitationRow]
    var canManage: Bool
    var inviteForm: FormState
    var inviteURL: String
    /// The link of an invitation just created: shown once, never stored in clear.
    var createdLink: String?
    var createdLinkExpires: String?

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "members": members
        case "memberCount": members.count
        case "invitations": invitations
        case "hasInvitations": !invitations.isEmpty
        case "canManage": canManage
        case "inviteForm": inviteForm
        case "inviteURL": inviteURL
        case "createdLink": createdLink
        case "createdLinkExpires": createdLinkExpires
        default: nil
        }
    }
}
