import Hummingbird

/// One line per recorded action in the controllers: who (from the context), where from (the
/// request), what.
extension AppDependencies {
    var audit: AuditLog { AuditLog(database: database, logger: logger) }

    func audit(_ action: AuditAction, _ context: OrganizationContext, _ request: Request, target: (type: String, id: String)? = nil, _ summary: String) async {
        await audit.record(
            action, organizationId: context.organizationId, actor: context.auditActor(request, trustForwardedFor: configuration.trustForwardedFor),
            target: target, summary: summary
        )
    }

    func audit(_ action: AuditAction, _ context: APIContext, _ request: Request, target: (type: String, id: String)? = nil, _ summary: String) async {
        await audit.record(
            action, organizationId: context.organizationId, actor: context.auditActor(request, trustForwardedFor: configuration.trustForwardedFor),
            target: target, summary: summary
        )
    }
}
