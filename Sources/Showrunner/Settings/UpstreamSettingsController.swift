import Foundation
import Hummingbird
import Logging
import MemoriesClient

/// Settings → memories.ai (admins and owners): add, name, test, make default, disable and
/// delete keys; show and rotate the organisation's webhook URL.
struct UpstreamSettingsController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var keys: UpstreamKeyRepository { UpstreamKeyRepository(database: dependencies.database, secrets: dependencies.secrets) }
    var endpoints: WebhookEndpointRepository { WebhookEndpointRepository(database: dependencies.database, secrets: dependencies.secrets) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.upstreamSettings, use: show)
        group.post(SiteURL.OrgRoute.upstreamKeys, use: add)
        group.post(SiteURL.OrgRoute.upstreamKey(.test), use: test)
        group.post(SiteURL.OrgRoute.upstreamKey(.makeDefault)) { request, context in
            try await change(context) { try await keys.makeDefault(organizationId: context.organizationId, id: $0.id); return "\($0.name) is now the default key." }
        }
        group.post(SiteURL.OrgRoute.upstreamKey(.disable)) { request, context in
            try await change(context) { try await keys.setDisabled(true, organizationId: context.organizationId, id: $0.id); return "\($0.name) is disabled." }
        }
        group.post(SiteURL.OrgRoute.upstreamKey(.enable)) { request, context in
            try await change(context) { try await keys.setDisabled(false, organizationId: context.organizationId, id: $0.id); return "\($0.name) is enabled." }
        }
        group.post(SiteURL.OrgRoute.upstreamKey(.delete)) { request, context in
            try await change(context) { key in
                try await keys.delete(organizationId: context.organizationId, id: key.id)
                await dependencies.audit(.upstreamKeyDeleted, context, request, target: ("upstream_key", String(key.id)), "Deleted memories.ai key \(key.name) (\(key.maskedKey)).")
                return "\(key.name) was deleted."
            }
        }
        group.post(SiteURL.OrgRoute.webhookRotate, use: rotate)
    }

    static func isLocal(_ base: String) -> Bool {
        guard let host = URL(string: base)?.host?.lowercased() else { return true }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" || host == "0.0.0.0"
    }

    static func emptyForm() -> FormState {
        FormState([
            FormField(name: "name", label: "Name", hint: "For you, e.g. \"Studio account\"."),
            FormField(name: "apiKey", label: "API key", type: "password", hint: "From the memories.ai console: Payment → API Key Management. Starts with sk-."),
        ])
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.admin)
        return try await page(form: Self.emptyForm(), context: context)
    }

    func page(form: FormState, context: Context, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let org = context.slug
        let list = try await keys.list(organizationId: context.organizationId)
        let accounts = UpstreamAccounts(keys: keys, upstream: dependencies.upstream, secrets: dependencies.secrets)
        let active = try await accounts.forNewTask(organizationId: context.organizationId)
        let token = try await endpoints.token(organizationId: context.organizationId)
        let page = UpstreamSettingsPage(
            chrome: PageChrome(title: "memories.ai settings", context: context, trail: [.init(label: "Settings: memories.ai", url: nil)]),
            keys: list.map { key in
                .init(
                    name: key.name, masked: key.maskedKey, isDefault: key.isDefault, isDisabled: key.disabledAt != nil,
                    lastTest: key.lastTestedAt.map { "\(DisplayFormat.dateTime($0)): \(key.lastTestOutcome ?? "")" },
                    created: DisplayFormat.date(key.createdAt),
                    testURL: SiteURL.upstreamKey(org: org, id: key.id, action: .test).path,
                    defaultURL: SiteURL.upstreamKey(org: org, id: key.id, action: .makeDefault).path,
                    disableURL: SiteURL.upstreamKey(org: org, id: key.id, action: .disable).path,
                    enableURL: SiteURL.upstreamKey(org: org, id: key.id, action: .enable).path,
                    deleteURL: SiteURL.upstreamKey(org: org, id: key.id, action: .delete).path
                )
            },
            activeAccount: active.kind == .simulator
                ? "New tasks run on the built-in simulator: no key is configured for this organisation or this server."
                : "New tasks use \(active.label).",
            serverMode: "This server's own upstream: \(dependencies.upstream.mode.summary).",
            webhookURL: dependencies.configuration.externalBaseURL + SiteURL.webhook(token: token).path,
            webhookLastReceived: try await endpoints.lastReceived(organizationId: context.organizationId).map(DisplayFormat.dateTime),
            webhookWarning: Self.isLocal(dependencies.configuration.externalBaseURL)
                ? "This address only works on this machine, so memories.ai cannot call it. Set SHOWRUNNER_PUBLIC_URL to the server's public https address; until then tasks are tracked by polling alone."
                : nil,
            serverAccountNote: active.kind == .organization
                ? nil
                : "Without a key of its own, this organisation's tasks run on \(active.label): its callbacks go to the server's webhook, set up by the server's operator (the URL is printed when the server starts). The URL below is for when this organisation adds its own key.",
            addURL: SiteURL.upstreamSettings(org: org).path + "/keys",
            rotateURL: SiteURL.webhookRotate(org: org).path,
            form: form, canManage: true
        )
        return try dependencies.renderer.render(page, template: "settings/upstream", status: status)
    }

    @Sendable func add(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let fields = try await FormFields.parse(request)
        var form = Self.emptyForm()
        let name = String((fields["name"] ?? "").prefix(100))
        let apiKey = (fields["apiKey"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        form.fields["name"]?.value = name
        if name.isEmpty { form.setError("Give the key a name.", on: "name") }
        if !apiKey.hasPrefix("sk-") || apiKey.count < 12 || apiKey.count > 300 || apiKey.contains(where: { $0.isWhitespace }) {
            form.setError("memories.ai keys start with sk- and have no spaces.", on: "apiKey")
        }
        if form.fields.values.allSatisfy({ $0.error == nil }) {
            do {
                let key = try await keys.add(organizationId: context.organizationId, name: name, apiKey: apiKey, createdBy: context.userId)
                context.logger.notice("upstream key added", metadata: ["organization": "\(context.organizationId)", "key": "\(key.id)"])
                await dependencies.audit(.upstreamKeyAdded, context, request, target: ("upstream_key", String(key.id)), "Added memories.ai key \(name) (\(key.maskedKey)).")
                return dependencies.redirect(to: .upstreamSettings(org: context.slug), "Key \(name) (\(key.maskedKey)) saved. Use Test to check it.")
            } catch DomainError.invalid(let message) {
                form.setError(message, on: "apiKey")
            }
        }
        return try await page(form: form, context: context, status: .unprocessableContent).response(from: request, context: context)
    }

    func requireKey(_ context: Context) async throws -> UpstreamKey {
        let id = try context.parameters.require("key", as: Int64.self)
        guard let key = try await keys.find(organizationId: context.organizationId, id: id) else { throw HTTPError(.notFound) }
        return key
    }

    func change(_ context: Context, _ body: (UpstreamKey) async throws -> String) async throws -> Response {
        try context.require(.admin)
        let key = try await requireKey(context)
        do {
            return dependencies.redirect(to: .upstreamSettings(org: context.slug), try await body(key))
        } catch DomainError.conflict(let message) {
            return dependencies.redirect(to: .upstreamSettings(org: context.slug), message, kind: .error)
        }
    }

    /// Asks upstream about a task id that cannot exist: "not found" proves the key works.
    @Sendable func test(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let key = try await requireKey(context)
        guard let apiKey = keys.reveal(key) else {
            return dependencies.redirect(to: .upstreamSettings(org: context.slug), "This key cannot be decrypted; delete it and add it again.", kind: .error)
        }
        let outcome: String
        var ok = false
        do {
            _ = try await dependencies.upstream.makeClient(apiKey).status(taskID: "ros-sd-00000000-00000000")
            outcome = "The key works: memories.ai accepted it."
            ok = true
        } catch let error as MemoriesError {
            switch error {
            case .notFound:
                outcome = "The key works: memories.ai accepted it (and, as expected, knows no test task)."
                ok = true
            case .invalidRequest(let message):
                outcome = "memories.ai answered, but not as expected (\(UpstreamMessage.clean(message, hiding: apiKey))); the key may or may not work."
            case .unauthorized: outcome = "memories.ai rejected this key. Check it in the console, or create a new one."
            case .forbidden: outcome = "memories.ai refused access: the account is disabled or this server's IP is not allowed."
            case .insufficientBalance: outcome = "The key works, but the balance is empty: top it up in the console."
            default: outcome = "Could not check the key: \(UpstreamMessage.clean(error.description, hiding: apiKey))"
            }
        }
        try await keys.recordTest(organizationId: context.organizationId, id: key.id, outcome: outcome)
        return dependencies.redirect(to: .upstreamSettings(org: context.slug), "\(key.name): \(outcome)", kind: ok ? .success : .error)
    }

    @Sendable func rotate(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        try await endpoints.rotate(organizationId: context.organizationId)
        return dependencies.redirect(
            to: .upstreamSettings(org: context.slug), "New webhook URL created; the old one no longer works. Paste the new one into the memories.ai console."
        )
    }
}
