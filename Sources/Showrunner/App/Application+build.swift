import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import MemoriesSimulator
import NIOCore

/// Opens the configured database file (or an in-memory one) and applies pending migrations.
public func openDatabase(configuration: AppConfiguration, logger: Logger) throws -> AppDatabase {
    if let path = configuration.databasePath {
        return try AppDatabase.open(
            path: path, migrationsDirectory: configuration.migrationsDirectory,
            backupsDirectory: configuration.backupsBeforeMigrating ? configuration.backupsDirectory : nil, logger: logger)
    }
    return try AppDatabase.inMemory(migrationsDirectory: configuration.migrationsDirectory, logger: logger)
}

/// Builds the Showrunner web application on a migrated database and the given upstream
/// (`Upstream.make` in `serve`; the in-process simulator or a scripted fake in tests):
/// loads the templates and the master key, wires the routes and the background services.
public func buildApplication(
    configuration: AppConfiguration, database: AppDatabase, upstream: Upstream, logger: Logger, renderer: PageRenderer? = nil
) async throws -> some ApplicationProtocol {
    // Before any metric is made (see AppMetrics).
    _ = AppMetrics.registry
    let renderer = if let renderer { renderer } else { try await PageRenderer(configuration: configuration) }
    let secrets = try SecretBox.load(configuration: configuration)
    let dependencies = AppDependencies(
        configuration: configuration, database: database, renderer: renderer, upstream: upstream, secrets: secrets, logger: logger
    )
    let api = try OpenAPIDocument(publicDirectory: configuration.publicDirectory)
    let router = try buildRouter(dependencies, api: api)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Showrunner"),
        logger: logger
    )
    let monitor = dependencies.services
    app.addServices(monitor.monitor("sessions", dependencies.sessionStore))
    for service in upstream.services { app.addServices(monitor.monitor("simulator", service)) }
    if let simulator = upstream.simulator {
        // The simulator is this server's upstream: its callbacks come back here.
        let token = WebhookEndpointRepository(database: database, secrets: secrets).serverToken
        await simulator.setWebhookURL(URL(string: configuration.externalBaseURL + SiteURL.webhook(token: token).path))
    }
    if configuration.runsTracker {
        app.addServices(monitor.monitor("tracker", dependencies.makeTracker()))
    }
    if configuration.runsMaintenance {
        app.addServices(monitor.monitor("maintenance", dependencies.makeMaintenanceScheduler()))
        app.addServices(MemoryTrimmer())
    }
    if configuration.runsWebhookDispatcher {
        app.addServices(monitor.monitor("webhooks", dependencies.makeWebhookDispatcher()))
    }
    if configuration.runsUploadForwarder {
        app.addServices(monitor.monitor("uploads", dependencies.makeUploadForwarder()))
    }
    logger.info("upstream", metadata: ["upstream": "\(upstream.mode.summary)"])
    return app
}

func buildRouter(_ dependencies: AppDependencies, api: OpenAPIDocument) throws -> Router<AppRequestContext> {
    let configuration = dependencies.configuration
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        // Outermost: every request counts, by route pattern (never the raw path) and final status.
        MetricsMiddleware()
        RequestLogMiddleware(level: .info)
        SecurityHeadersMiddleware()
        ErrorPageMiddleware(renderer: dependencies.renderer)
        // Static files are served only for paths no route claims (FileMiddleware answers 404s).
        FileMiddleware(
            configuration.publicDirectory.path,
            urlBasePath: "/static",
            // no-cache means "revalidate": the ETag answers 304, and a deploy's CSS/JS is seen at once.
            cacheControl: .init([(.textCss, [.public, .noCache]), (.textJavascript, [.public, .noCache])]),
            logger: dependencies.logger
        )
    }
    HealthController<AppRequestContext>(database: dependencies.database).addRoutes(to: router)
    MetricsController<AppRequestContext>(
        token: configuration.metricsToken, database: dependencies.database, databasePath: configuration.databasePath,
        storyboardCache: dependencies.storyboardCache
    ).addRoutes(to: router)
    ReadinessController<AppRequestContext>(
        database: dependencies.database, migrations: dependencies.migrations, dataDirectory: configuration.dataDirectory,
        minimumFreeBytes: configuration.minimumFreeDiskBytes, services: dependencies.services
    ).addRoutes(to: router)
    // Upstream's callbacks: no session, no CSRF (upstream is not a browser); the token in the path is the credential.
    WebhookController<AppRequestContext>(
        endpoints: WebhookEndpointRepository(database: dependencies.database, secrets: dependencies.secrets),
        queue: TaskQueue(database: dependencies.database),
        serverFingerprints: [dependencies.accounts.fallback.fingerprint]
    ).addRoutes(to: router)

    // The JSON API: a Showrunner key in `Authorization`, never the session cookie (no session
    // middleware runs here, so a browser page cannot call it as the logged-in user).
    router.get("openapi.json") { request, _ in api.response(request) }
    let apiGroup = router.group("api/v1")
        .add(middleware: APIKeyMiddleware(
            keys: APIKeyRepository(database: dependencies.database),
            limiter: dependencies.apiRateLimiter, trustForwardedFor: configuration.trustForwardedFor
        ))
        .group(context: APIContext.self)
    for (operation, handler) in try api.bind(APIHandlers.all(dependencies)) {
        apiGroup.on(RouterPath(String(operation.routerPath.dropFirst())), method: operation.method, use: handler)
    }
    for (path, methods) in api.undocumentedMethods {
        for method in methods {
            apiGroup.on(RouterPath(String(path.dropFirst())), method: method) { _, _ -> Response in throw APIError.methodNotAllowed(path: path, api: api) }
        }
    }

    // memories.ai's own API for clients holding a Showrunner key (see GatewayController).
    let gateway = router.group("serve/api/v2/screenplay")
        .add(middleware: APIKeyMiddleware(
            keys: APIKeyRepository(database: dependencies.database), limiter: dependencies.apiRateLimiter,
            trustForwardedFor: configuration.trustForwardedFor, refuse: { GatewayError($0) }, acceptsBareKey: true
        ))
        .group(context: APIContext.self)
    GatewayController(dependencies: dependencies).addRoutes(to: gateway)

    // Pages: sessions and CSRF only here, so static files and health checks skip the database.
    let pages = router.group()
        .add(middleware: RequestedOrganizationMiddleware())
        .add(
            middleware: SessionMiddleware(
                storage: dependencies.sessionStore,
                configuration: .init(
                    sessionCookieParameters: .init(
                        name: AppSessions.cookieName, path: "/", secure: dependencies.secureCookies, sameSite: .lax
                    ),
                    keyPrefix: AppSessions.keyPrefix,
                    defaultSessionExpiration: configuration.sessionLifetime
                )
            )
        )
        .add(middleware: SessionAuthenticator(context: AppRequestContext.self) { (session: UserSession, _) in
            // SessionStore reads the user with the session; the lookup is for other stores.
            if let user = session.loadedUser { return session.validUser(user) }
            guard let user = try await dependencies.users.find(id: session.userId) else { return nil }
            // A password change ends sessions that began before it.
            return session.validUser(user)
        })
        .add(
            middleware: CSRFMiddleware(
                secureCookies: dependencies.secureCookies,
                trustedOrigin: configuration.publicBaseURL.flatMap(CSRFMiddleware.origin(of:)),
                maxFormSize: 4 * 1024 * 1024
            )
        )
        .add(middleware: FlashMiddleware(secureCookies: dependencies.secureCookies))

    let auth = AuthController(dependencies: dependencies)
    auth.addRoutes(to: pages)
    InvitationController(dependencies: dependencies, auth: auth).addRoutes(to: pages)

    let signedIn = pages.group().add(middleware: RequireLoginMiddleware())
    AccountController(dependencies: dependencies, auth: auth).addRoutes(to: signedIn)
    OrganizationsController(dependencies: dependencies).addRoutes(to: signedIn)

    let organization = signedIn.group("o/:org")
        .add(middleware: OrganizationMiddleware(organizations: dependencies.organizations, users: dependencies.users))
        .group(context: OrganizationContext.self)
    DashboardController(dependencies: dependencies).addRoutes(to: organization)
    MembersController(dependencies: dependencies).addRoutes(to: organization)
    ProjectsController(dependencies: dependencies).addRoutes(to: organization)
    DramasController(dependencies: dependencies).addRoutes(to: organization)
    EpisodesController(dependencies: dependencies).addRoutes(to: organization)
    EpisodeImportController(dependencies: dependencies).addRoutes(to: organization)
    SubmitController(dependencies: dependencies).addRoutes(to: organization)
    TasksController(dependencies: dependencies).addRoutes(to: organization)
    TaskLiveController(dependencies: dependencies).addRoutes(to: organization)
    TaskArtifactsController(dependencies: dependencies).addRoutes(to: organization)
    UpstreamSettingsController(dependencies: dependencies).addRoutes(to: organization)
    APIKeysController(dependencies: dependencies).addRoutes(to: organization)
    WebhooksController(dependencies: dependencies).addRoutes(to: organization)
    AuditController(dependencies: dependencies).addRoutes(to: organization)
    StoryboardsController(dependencies: dependencies).addRoutes(to: organization)
    StoryboardExportsController(dependencies: dependencies).addRoutes(to: organization)
    ReviewController(dependencies: dependencies).addRoutes(to: organization)
    CharactersController(dependencies: dependencies).addRoutes(to: organization)
    SearchController(dependencies: dependencies).addRoutes(to: organization)
    VideoController(dependencies: dependencies).addRoutes(to: organization)
    UploadsController(dependencies: dependencies).addRoutes(to: organization)
    return router
}
