import Foundation
import Hummingbird
import Logging

/// `/o/:org/members`: who is in the organisation, roles, removal, and invite links.
struct MembersController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.members, use: index)
        group.post(SiteURL.OrgRoute.memberRole, use: changeRole)
        group.post(SiteURL.OrgRoute.memberRemove, use: remove)
        group.post(SiteURL.OrgRoute.invitations, use: invite)
        group.post(SiteURL.OrgRoute.invitationRevoke, use: revoke)
    }

    @Sendable func index(_ request: Request, context: Context) async throws -> HTML {
        try await page(context: context, inviteForm: Self.inviteForm(for: context.role))
    }

    @Sendable func changeRole(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let membershipId = try context.parameters.require("membership", as: Int64.self)
        let fields = try await FormFields.parse(request)
        guard let role = fields["role"].flatMap(Role.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "Choose one of the listed roles.")
        }
        try await dependencies.organizations.changeRole(
            organizationId: context.organizationId, membershipId: membershipId, to: role, by: context.role
        )
        await dependencies.audit(.roleChanged, context, request, target: ("membership", String(membershipId)), "Role changed to \(role.label).")
        return dependencies.redirect(to: .members(org: context.slug), "Role changed to \(role.label).")
    }

    @Sendable func remove(_ request: Request, context: Context) async throws -> Response {
        let membershipId = try context.parameters.require("membership", as: Int64.self)
        let leaving = membershipId == context.access.membership.id
        if !leaving { try context.require(.admin) }
        try await dependencies.organizations.removeMember(
            organizationId: context.organizationId, membershipId: membershipId, by: context.role, isSelf: leaving
        )
        await dependencies.audit(
            .memberRemoved, context, request, target: ("membership", String(membershipId)), leaving ? "Left the organisation." : "Removed a member."
        )
        if leaving {
            return dependencies.redirect(to: .organizations, "You have left \(context.organization.name).", kind: .info)
        }
        return dependencies.redirect(to: .members(org: context.slug), "Member removed.")
    }

    @Sendable func invite(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let fields = try await FormFields.parse(request)
        let email = fields["email"] ?? ""
        let roleValue = fields["role"] ?? ""
        var form = Self.inviteForm(for: context.role, email: email, role: roleValue)
        let role = Role(rawValue: roleValue)
        if role == nil || role.map({ !context.role.assignableRoles.contains($0) || $0 == .owner }) == true {
            form.setError("Choose one of the listed roles.", on: "role")
        }
        if !email.isEmpty, let problem = AccountValidation.emailProblem(email) {
            form.setError(problem, on: "email")
        }
        guard let role, !form.hasErrors else {
            return try await page(context: context, inviteForm: form, status: .unprocessableContent).response(from: request, context: context)
        }
        let (invitation, token) = try await dependencies.invitations.create(
            organizationId: context.organizationId, role: role, email: email.isEmpty ? nil : email,
            createdBy: context.userId, lifetime: dependencies.configuration.invitationLifetime
        )
        context.logger.info("invitation created", metadata: ["organization": "\(context.organizationId)", "role": "\(role.rawValue)"])
        await dependencies.audit(
            .memberInvited, context, request, target: ("invitation", String(invitation.id)),
            "Invited \(email.isEmpty ? "anyone with the link" : email) as \(role.label)."
        )
        let link = dependencies.configuration.externalBaseURL + SiteURL.invitation(token: token).path
        return try await page(
            context: context, inviteForm: Self.inviteForm(for: context.role), createdLink: link,
            createdLinkExpires: DisplayFormat.dateTime(invitation.expiresAt), status: .created
        ).response(from: request, context: context)
    }

    @Sendable func revoke(_ request: Request, context: Context) async throws -> Response {
        try context.require(.admin)
        let invitationId = try context.parameters.require("invitation", as: Int64.self)
        try await dependencies.invitations.revoke(organizationId: context.organizationId, invitationId: invitationId)
        return dependencies.redirect(to: .members(org: context.slug), "Invitation withdrawn; its link no longer works.")
    }

    static func inviteForm(for actor: Role, email: String = "", role: String = Role.member.rawValue) -> FormState {
        let options = actor.assignableRoles.filter { $0 != .owner }.map {
            FormField.Option(value: $0.rawValue, label: "\($0.label): \($0.summary)", selected: $0.rawValue == role)
        }
        return FormState([
            FormField(
                name: "email", label: "Email (optional)", type: "email", value: email,
                hint: "If given, only this address can accept the invitation.", autocomplete: "off", required: false
            ),
            FormField(name: "role", label: "Role", value: role, options: options),
        ])
    }

    func page(
        context: Context, inviteForm: FormState, createdLink: String? = nil, createdLinkExpires: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTML {
        let slug = context.slug
        let actor = context.role
        let members = try await dependencies.organizations.members(organizationId: context.organizationId).map { row in
            let isYou = row.userId == context.userId
            let canEdit = actor.canManageMembers && !isYou && (row.role != .owner || actor == .owner)
            return MembersPage.MemberRow(
                displayName: row.displayName, email: row.email, roleLabel: row.role.label,
                since: DisplayFormat.date(row.createdAt), isYou: isYou, canEdit: canEdit,
                roleOptions: actor.assignableRoles.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == row.role) },
                roleURL: SiteURL.memberRole(org: slug, membershipId: row.membershipId).path,
                removeURL: SiteURL.memberRemove(org: slug, membershipId: row.membershipId).path,
                removeLabel: isYou ? "Leave organisation" : "Remove"
            )
        }
        let invitations = actor.canManageMembers
            ? try await dependencies.invitations.pending(organizationId: context.organizationId).map {
                MembersPage.InvitationRow(
                    email: $0.email ?? "anyone with the link", roleLabel: $0.role.label, createdBy: $0.createdBy ?? "—",
                    expires: DisplayFormat.dateTime($0.expiresAt),
                    revokeURL: SiteURL.invitationRevoke(org: slug, invitationId: $0.id).path
                )
            } : []
        let page = MembersPage(
            chrome: PageChrome(title: "Members", context: context, trail: [.init(label: "Members")]),
            members: members, invitations: invitations, canManage: actor.canManageMembers, inviteForm: inviteForm,
            inviteURL: SiteURL.invitations(org: slug).path, createdLink: createdLink, createdLinkExpires: createdLinkExpires
        )
        return try dependencies.renderer.render(page, template: "members/index", status: status)
    }
}
