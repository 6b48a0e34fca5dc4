import Hummingbird
import Logging
import MemoriesClient

/// The long-lived pieces controllers need, built once in `buildApplication`.
struct AppDependencies: Sendable {
    let configuration: AppConfiguration
    let database: AppDatabase
    let renderer: PageRenderer
    let hasher: PasswordHasher
    let sessionStore: SessionStore
    let users: UserRepository
    let organizations: OrganizationRepository
    let invitations: InvitationRepository
    let throttle: LoginThrottle
    /// memories.ai (or the simulator): a client per account key, behind `ScreenplayAPI`.
    let upstream: Upstream
    let secrets: SecretBox
    /// Ingested runs never change, so their documents, JSON and HTML are kept in memory.
    let storyboardCache: StoryboardCache
    /// Rendered tenant pages, trusted while the organisation's page generation stands still.
    let pageCache: PageCache
    /// Search rankings, trusted while the organisation's search generation stands still.
    let searchResults = SearchResultsCache()
    /// Episode footage for the player: kept uploads and the fetched-once cache.
    let videos: VideoLibrary
    let logger: Logger
    /// Requests per Showrunner API key (the JSON API and the gateway share it).
    let apiRateLimiter: APIRateLimiter
    /// The background services, for `/readyz`.
    let services = ServiceMonitor()
    /// The migrations this build knows (readiness checks the database has them all).
    let migrations: [String]

    init(configuration: AppConfiguration, database: AppDatabase, renderer: PageRenderer, upstream: Upstream, secrets: SecretBox, logger: Logger) {
        self.configuration = configuration
        self.database = database
        self.renderer = renderer
        self.hasher = PasswordHasher(cost: configuration.bcryptCost)
        self.sessionStore = SessionStore(database: database, logger: logger)
        self.users = UserRepository(database: database)
        self.organizations = OrganizationRepository(database: database)
        self.invitations = InvitationRepository(database: database)
        self.throttle = LoginThrottle(
            database: database, failuresPerAccount: configuration.loginFailuresPerAccount, window: configuration.loginThrottleWindow
        )
        self.upstream = upstream
        self.secrets = secrets
        self.storyboardCache = StoryboardCache(maximumBytes: configuration.storyboardCacheBytes)
        self.pageCache = PageCache(byteLimit: configuration.pageCacheBytes)
        self.videos = VideoLibrary(
            repository: EpisodeVideoRepository(database: database),
            accounts: Self.accounts(database: database, upstream: upstream, secrets: secrets),
            directory: configuration.videosDirectory, maxFileBytes: configuration.maxVideoBytes,
            cacheBytes: configuration.videoCacheBytes, logger: logger)
        self.apiRateLimiter = APIRateLimiter(requestsPerMinute: configuration.apiRequestsPerMinute)
        self.logger = logger
        self.migrations = (try? SQLMigrations.load(from: configuration.migrationsDirectory).files.map(\.name)) ?? []
    }

    var storyboards: StoryboardService {
        StoryboardService(database: database, cache: storyboardCache, renderer: renderer)
    }

    var search: SearchRepository { SearchRepository(database: database, cache: searchResults) }

    var secureCookies: Bool { configuration.usesSecureCookies }

    var webhookPolicy: WebhookTargetPolicy { WebhookTargetPolicy(allowsPrivateAddresses: configuration.webhooksAllowPrivateAddresses) }

    func makeWebhookDispatcher() -> WebhookDispatcher {
        var settings = WebhookDispatcher.Settings()
        settings.tick = configuration.webhookDispatcherTick
        settings.backoff = configuration.webhookBackoff
        settings.policy = webhookPolicy
        return WebhookDispatcher(repository: WebhookRepository(database: database, secrets: secrets), settings: settings, logger: logger)
    }

    var accounts: UpstreamAccounts { Self.accounts(database: database, upstream: upstream, secrets: secrets) }

    static func accounts(database: AppDatabase, upstream: Upstream, secrets: SecretBox) -> UpstreamAccounts {
        UpstreamAccounts(keys: UpstreamKeyRepository(database: database, secrets: secrets), upstream: upstream, secrets: secrets)
    }

    func makeTracker() -> TaskTracker {
        TaskTracker(
            queue: TaskQueue(database: database), tasks: TaskRepository(database: database), accounts: accounts,
            ingest: TaskResultIngest(database: database, limits: .default), artifacts: configuration.artifactsDirectory,
            maxResultBytes: configuration.maxResultBytes, pollInterval: configuration.pollInterval,
            maxPollInterval: configuration.maxPollInterval, tick: configuration.trackerTick, logger: Logger(label: "showrunner.tracker")
        )
    }

    func makeUploadForwarder() -> UploadForwarder {
        UploadForwarder(
            queue: UploadQueue(database: database), uploads: EpisodeUploadRepository(database: database), accounts: accounts,
            settings: .init(
                uploadsDirectory: configuration.uploadsDirectory, videosDirectory: configuration.videosDirectory,
                keepsVideos: configuration.keepsUploadedVideos, signedUploadBytes: configuration.signedUploadBytes,
                tick: configuration.uploadForwarderTick, pollInterval: configuration.uploadPollInterval,
                leaseSeconds: configuration.uploadLeaseSeconds),
            logger: Logger(label: "showrunner.uploads"))
    }

    func makeMaintenanceScheduler() -> MaintenanceScheduler {
        var jobs = [
            MaintenanceScheduler.retentionJob(
                Retention(database: database, dataDirectory: configuration.dataDirectory, artifactsCap: configuration.artifactsCapBytes))
        ]
        if let folder = configuration.scheduledBackupDirectory, let path = configuration.databasePath {
            jobs.append(
                MaintenanceScheduler.backupJob(
                    databasePath: path, folder: folder, interval: configuration.scheduledBackupInterval.seconds,
                    keep: configuration.scheduledBackupsKept))
        }
        return MaintenanceScheduler(database: database, jobs: jobs, logger: Logger(label: "showrunner.maintenance"))
    }

    /// A 303 redirect to `url` that shows `message` on the page it leads to.
    func redirect(to url: SiteURL, _ message: String, kind: Flash.Kind = .success) -> Response {
        .redirect(to: url, flash: Flash(kind: kind, message: message), secureCookies: secureCookies)
    }
}
