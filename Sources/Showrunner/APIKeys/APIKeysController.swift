import Foundation
import Hummingbird
import Logging

/// Settings → API keys: any member creates keys for themselves (role at most their own);
/// admins and owners see and revoke every key of the organisation.
struct APIKeysController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var keys: APIKeyRepository { APIKeyRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.apiKeys, use: show)
        group.post(SiteURL.OrgRoute.apiKeys, use: create)
        group.post(SiteURL.OrgRoute.apiKeyRevoke, use: revoke)
    }

    /// Expiry choices, in days ("" never expires).
    static let expiryChoices: [(value: String, label: String)] = [
        ("7", "In 7 days"), ("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), ("", "Never"),
    ]

    /// The form, with `chosen…` as typed (a fresh form: member or below, read-write, 90 days).
    static func emptyForm(role: Role, name: String = "", chosenRole: String? = nil, scope: String = "read-write", expires: String = "90") -> FormState {
        let selectedRole = chosenRole ?? (role.isAtLeast(.member) ? Role.member : role).rawValue
        let scopes = [("read-write", "Read and write"), ("read-only", "Read only")]
        return FormState([
            FormField(name: "name", label: "Name", value: name, hint: "What uses it, e.g. \"Season 2 import script\"."),
            FormField(
                name: "role", label: "Role", value: selectedRole, hint: "What the key may do, at most your own role.",
                options: role.keyRoles.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selectedRole) }
            ),
            FormField(name: "scope", label: "Access", value: scope, options: scopes.map { .init(value: $0.0, label: $0.1, selected: $0.0 == scope) }),
            FormField(
                name: "expires", label: "Expires", value: expires,
                options: expiryChoices.map { .init(value: $0.value, label: $0.label, selected: $0.value == expires) }
            ),
        ])
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        try await page(form: Self.emptyForm(role: context.role), context: context)
    }

    func page(form: FormState, newSecret: APIKeysPage.NewSecret? = nil, context: Context, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let org = context.slug
        let seesAll = context.role.canManageMembers
        let list = try await keys.list(organizationId: context.organizationId, onlyUserId: seesAll ? nil : context.userId)
        let now = Date()
        let page = APIKeysPage(
            chrome: PageChrome(title: "API keys", context: context, trail: [.init(label: "API keys", url: nil)]),
            keys: list.map { listed in
                let key = listed.key
                let status: String? = key.isRevoked ? "revoked" : key.isExpired(at: now) ? "expired" : key.userId == nil ? "creator gone" : nil
                return .init(
                    name: key.name, masked: key.maskedSecret, creator: listed.creatorName ?? "a deleted user", role: key.role.label,
                    scope: key.readOnly ? "read only" : "read and write", created: DisplayFormat.date(key.createdAt),
                    lastUsed: key.lastUsedAt.map { DisplayFormat.dateTime($0) + (key.lastUsedAddress.map { " from \($0)" } ?? "") } ?? "never",
                    expires: key.expiresAt.map(DisplayFormat.date) ?? "never", status: status,
                    revokeURL: key.isRevoked ? nil : SiteURL.apiKeyRevoke(org: org, id: key.id).path
                )
            },
            seesAllKeys: seesAll, newSecret: newSecret, createURL: SiteURL.apiKeys(org: org).path, form: form,
            apiDocsURL: "/openapi.json"
        )
        return try dependencies.renderer.render(page, template: "api-keys/index", status: status)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let fields = try await FormFields.parse(request)
        let name = String((fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(APIKeyRepository.maximumNameLength))
        let role = fields["role"].flatMap(Role.init(rawValue:))
        let readOnly = fields["scope"] == "read-only"
        let expiresText = fields["expires"] ?? ""
        var form = Self.emptyForm(
            role: context.role, name: name, chosenRole: role?.rawValue ?? "", scope: readOnly ? "read-only" : "read-write", expires: expiresText
        )
        if name.isEmpty { form.setError("Give the key a name.", on: "name") }
        if role == nil || !(role.map(context.role.keyRoles.contains) ?? false) {
            form.setError("Choose a role no higher than yours (\(context.role.label)).", on: "role")
        }
        let days = Int(expiresText)
        if !expiresText.isEmpty, !(days.map { (1...3650).contains($0) } ?? false) { form.setError("Choose when the key expires.", on: "expires") }
        guard !form.hasErrors, let role else {
            return try await page(form: form, context: context, status: .unprocessableContent).response(from: request, context: context)
        }
        do {
            let created = try await keys.create(
                .init(
                    organizationId: context.organizationId, userId: context.userId, creatorRole: context.role, name: name, role: role,
                    readOnly: readOnly, expiresAt: days.map { Date().addingTimeInterval(Double($0) * 86_400) }
                )
            )
            context.logger.notice("api key created", metadata: ["organization": "\(context.organizationId)", "apiKey": "\(created.key.id)"])
            await dependencies.audit(
                .apiKeyCreated, context, request, target: ("api_key", String(created.key.id)),
                "Created API key “\(created.key.name)” (\(created.key.maskedSecret)), role \(role.rawValue), \(readOnly ? "read only" : "read and write")."
            )
            let secret = APIKeysPage.NewSecret(
                name: created.key.name, secret: created.secret,
                exampleCommand: "curl -H 'Authorization: Bearer \(created.secret)' \(dependencies.configuration.externalBaseURL)/api/v1/projects"
            )
            var response = try await page(form: Self.emptyForm(role: context.role), newSecret: secret, context: context)
                .response(from: request, context: context)
            // The secret is on this page only: never cached, never restored by the back button.
            response.headers[.cacheControl] = "no-store"
            return response
        } catch DomainError.invalid(let message) {
            form.setError(message, on: "name")
            return try await page(form: form, context: context, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    @Sendable func revoke(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("key", as: Int64.self)
        guard let key = try await keys.find(organizationId: context.organizationId, id: id),
            context.role.canManageMembers || key.userId == context.userId
        else { throw DomainError.notFound }
        try await keys.revoke(organizationId: context.organizationId, id: id, by: context.userId)
        context.logger.notice("api key revoked", metadata: ["organization": "\(context.organizationId)", "apiKey": "\(id)"])
        await dependencies.audit(.apiKeyRevoked, context, request, target: ("api_key", String(id)), "Revoked API key “\(key.name)” (\(key.maskedSecret)).")
        return dependencies.redirect(to: .apiKeys(org: context.slug), "Key \(key.name) (\(key.maskedSecret)) is revoked; requests using it are refused.")
    }
}

extension Role {
    /// The roles a key created by someone with this role may have: this one and below.
    var keyRoles: [Role] { Role.allCases.filter { isAtLeast($0) } }
}
