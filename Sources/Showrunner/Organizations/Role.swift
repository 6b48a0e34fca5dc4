import GRDB

/// A member's role in an organisation, from most to least powerful.
public enum Role: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case owner, admin, manager, member, viewer

    /// Higher means more rights; used for "at least" checks.
    var rank: Int {
        switch self {
        case .owner: 5
        case .admin: 4
        case .manager: 3
        case .member: 2
        case .viewer: 1
        }
    }

    public func isAtLeast(_ other: Role) -> Bool { rank >= other.rank }

    /// Admins and owners manage members and invitations.
    var canManageMembers: Bool { isAtLeast(.admin) }

    /// The roles this role may hand out by invite or role change. Only owners create owners.
    var assignableRoles: [Role] {
        switch self {
        case .owner: Role.allCases
        case .admin: [.admin, .manager, .member, .viewer]
        default: []
        }
    }

    var label: String {
        switch self {
        case .owner: "Owner"
        case .admin: "Admin"
        case .manager: "Manager"
        case .member: "Member"
        case .viewer: "Viewer"
        }
    }

    var summary: String {
        switch self {
        case .owner: "Everything, including managing owners and deleting the organisation."
        case .admin: "Manage members, invitations and API keys; delete projects."
        case .manager: "Submit tasks, approve storyboards, edit the catalog."
        case .member: "Edit the catalog and submit tasks."
        case .viewer: "Read only."
        }
    }
}
