import Foundation
import Hummingbird
import Logging

/// Settings → Webhooks (admins and owners): register URLs for task and review events, see
/// every delivery with its response, and send one again.
struct WebhooksController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var webhooks: WebhookRepository { WebhookRepository(database: dependencies.database, secrets: dependencies.secrets) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.webhooks, use: show)
        group.post(SiteURL.OrgRoute.webhooks, use: create)
        group.post(SiteURL.OrgRoute.webhookDelete, use: delete)
        group.post(SiteURL.OrgRoute.webhookRedeliver, use: redeliver)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.admin)
        return try await page(context: context)
    }

    func page(
        urlValue: String = "", chosen: Set<WebhookEvent> = Set(WebhookEvent.allCases), urlError: String? = nil, eventsError: String? = nil,
        newSecret: WebhooksPage.NewSecret? = nil, context: Context, status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let org = context.slug
        let endpoints = try await webhooks.list(organizationId: context.organizationId)
        let urls = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.id, $0.url) })
        let deliveries = try await webhooks.deliveries(organizationId: context.organizationId)
        let page = WebhooksPage(
            chrome: PageChrome(title: "Webhooks", context: context, trail: [.init(label: "Settings: webhooks", url: nil)]),
            endpoints: endpoints.map {
                .init(
                    url: $0.url, events: WebhookEvent.allCases.filter($0.eventSet.contains).map(\.rawValue).joined(separator: ", "),
                    created: DisplayFormat.date($0.createdAt), deleteURL: SiteURL.webhookDelete(org: org, id: $0.id).path
                )
            },
            deliveries: deliveries.map { delivery in
                let (label, css) = switch delivery.status {
                case .delivered: ("delivered", "ok")
                case .failed: ("failed", "error")
                case .pending: (delivery.attempts == 0 ? "queued" : "retrying", "muted")
                }
                let response = delivery.lastStatusCode.map { "HTTP \($0)" } ?? delivery.lastError ?? "—"
                return .init(
                    event: delivery.event, url: urls[delivery.subscriptionId] ?? "", status: label, statusClass: css, attempts: delivery.attempts,
                    response: delivery.lastStatusCode != nil && delivery.lastError != nil ? "\(response) — \(delivery.lastError ?? "")" : response,
                    when: DisplayFormat.preciseTime(delivery.lastAttemptAt ?? delivery.createdAt),
                    redeliverURL: SiteURL.webhookRedeliver(org: org, deliveryId: delivery.id).path
                )
            },
            eventChoices: WebhookEvent.allCases.map { .init(value: $0.rawValue, label: "\($0.label) (\($0.rawValue))", checked: chosen.contains($0)) },
            urlValue: urlValue, urlError: urlError, eventsError: eventsError, newSecret: newSecret,
            createURL: SiteURL.webhooks(org: org).path,
            privateNote: dependencies.configuration.webhooksAllowPrivateAddresses
                ? "This server allows webhooks to private and loopback addresses (SHOWRUNNER_WEBHOOKS_ALLOW_PRIVATE)." : nil
        )
        return try dependencies.renderer.render(page, template: "webhooks/index", status: status)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let fields = try await FormFields.parse(request)
        let urlText = String((fields["url"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(2100))
        let chosen = Set(fields.all("events").compactMap(WebhookEvent.init(rawValue:)))
        var urlError: String?
        var url: URL?
        do {
            url = try dependencies.webhookPolicy.check(urlText)
        } catch let refusal as WebhookTargetPolicy.Refusal {
            urlError = urlText.isEmpty ? "Enter the URL to send events to." : refusal.description
        }
        let eventsError = chosen.isEmpty ? "Choose at least one event." : nil
        guard let url, eventsError == nil else {
            return try await page(
                urlValue: urlText, chosen: chosen, urlError: urlError, eventsError: eventsError, context: context, status: .unprocessableContent
            ).response(from: request, context: context)
        }
        do {
            let created = try await webhooks.create(organizationId: context.organizationId, url: url, events: chosen, createdBy: context.userId)
            context.logger.notice("webhook endpoint added", metadata: ["organization": "\(context.organizationId)", "endpoint": "\(created.subscription.id)"])
            await dependencies.audit(
                .webhookAdded, context, request, target: ("webhook", String(created.subscription.id)),
                "Added webhook \(created.subscription.url) for \(created.subscription.events)."
            )
            var response = try await page(newSecret: .init(url: created.subscription.url, secret: created.secret), context: context)
                .response(from: request, context: context)
            response.headers[.cacheControl] = "no-store"
            return response
        } catch DomainError.invalid(let message) {
            return try await page(urlValue: urlText, chosen: chosen, urlError: message, context: context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.require("endpoint", as: Int64.self)
        guard let endpoint = try await webhooks.find(organizationId: context.organizationId, id: id) else { throw DomainError.notFound }
        try await webhooks.delete(organizationId: context.organizationId, id: id)
        await dependencies.audit(.webhookDeleted, context, request, target: ("webhook", String(id)), "Deleted webhook \(endpoint.url).")
        return dependencies.redirect(to: .webhooks(org: context.slug), "The endpoint was deleted; nothing more is sent to it.")
    }

    @Sendable func redeliver(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let id = try context.parameters.require("delivery", as: Int64.self)
        try await webhooks.redeliver(organizationId: context.organizationId, deliveryId: id)
        return dependencies.redirect(to: .webhooks(org: context.slug), "Queued to be sent again.")
    }
}
