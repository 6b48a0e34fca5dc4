/// Everything the audit log records. The raw values are stored; labels are for the page.
enum AuditAction: String, CaseIterable, Sendable {
    case signIn = "auth.sign_in"
    case signInFailed = "auth.sign_in_failed"
    case apiKeyCreated = "api_key.created"
    case apiKeyRevoked = "api_key.revoked"
    case upstreamKeyAdded = "upstream_key.added"
    case upstreamKeyDeleted = "upstream_key.deleted"
    case roleChanged = "member.role_changed"
    case memberInvited = "member.invited"
    case memberRemoved = "member.removed"
    case budgetChanged = "project.budget_changed"
    case taskSubmitted = "task.submitted"
    case taskCancelled = "task.cancelled"
    case taskResubmitted = "task.resubmitted"
    case reviewDecided = "review.decided"
    case exported = "export.downloaded"
    case webhookAdded = "webhook.added"
    case webhookDeleted = "webhook.deleted"

    var label: String {
        switch self {
        case .signIn: "Signed in"
        case .signInFailed: "Failed sign-in"
        case .apiKeyCreated: "API key created"
        case .apiKeyRevoked: "API key revoked"
        case .upstreamKeyAdded: "memories.ai key added"
        case .upstreamKeyDeleted: "memories.ai key deleted"
        case .roleChanged: "Role changed"
        case .memberInvited: "Member invited"
        case .memberRemoved: "Member removed"
        case .budgetChanged: "Budget changed"
        case .taskSubmitted: "Task submitted"
        case .taskCancelled: "Task cancelled"
        case .taskResubmitted: "Task resubmitted"
        case .reviewDecided: "Review decision"
        case .exported: "Export downloaded"
        case .webhookAdded: "Webhook added"
        case .webhookDeleted: "Webhook deleted"
        }
    }
}
