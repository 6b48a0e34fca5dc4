import Foundation
import Hummingbird

/// Settings → Audit log (admins and owners).
struct AuditController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    static let pageSize = 50

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.audit, use: show)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.admin)
        let query = request.uri.queryParameters
        var filter = AuditLog.Filter()
        filter.action = query.get("action").flatMap(AuditAction.init(rawValue:))
        filter.actorUserId = query.get("member").flatMap { Int64($0) }
        let sinceText = String(query.get("since")?.prefix(10) ?? "")
        filter.since = DisplayFormat.parseDay(sinceText)
        let before = query.get("before").flatMap { Int64($0) }
        let entries = try await dependencies.audit.entries(organizationId: context.organizationId, filter: filter, before: before, limit: Self.pageSize)
        let shown = Array(entries.prefix(Self.pageSize))
        let members = try await dependencies.organizations.members(organizationId: context.organizationId)
        let path = SiteURL.audit(org: context.slug).path
        func link(before: Int64?) -> String {
            var items: [String] = []
            if let action = filter.action { items.append("action=\(action.rawValue)") }
            if let member = filter.actorUserId { items.append("member=\(member)") }
            if filter.since != nil { items.append("since=\(sinceText)") }
            if let before { items.append("before=\(before)") }
            return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
        }
        let labels = Dictionary(uniqueKeysWithValues: AuditAction.allCases.map { ($0.rawValue, $0.label) })
        let page = AuditPage(
            chrome: PageChrome(title: "Audit log", context: context, trail: [.init(label: "Settings: audit log", url: nil)]),
            rows: shown.map {
                .init(
                    when: DisplayFormat.preciseTime($0.createdAt), actor: $0.actorLabel, action: labels[$0.action] ?? $0.action, summary: $0.summary,
                    address: $0.address ?? ""
                )
            },
            actionOptions: [.init(value: "", label: "All actions", selected: filter.action == nil)]
                + AuditAction.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == filter.action) },
            memberOptions: [.init(value: "", label: "Everyone", selected: filter.actorUserId == nil)]
                + members.map { .init(value: String($0.userId), label: $0.displayName, selected: $0.userId == filter.actorUserId) },
            since: filter.since == nil ? "" : sinceText, filterURL: path,
            olderURL: entries.count > Self.pageSize ? shown.last.map { link(before: $0.id) } : nil,
            newestURL: before == nil ? nil : link(before: nil)
        )
        return try dependencies.renderer.render(page, template: "audit/index")
    }
}
