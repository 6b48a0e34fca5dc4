import Foundation
import Logging

/// Everything the server needs to know at start-up, as plain values.
///
/// The executable fills it from flags and environment variables; tests fill it directly.
public struct AppConfiguration: Sendable {
    /// Address the HTTP server binds to.
    public var host: String
    public var port: Int
    /// Folder holding `Templates/`, `Public/` and `Migrations/`.
    public var rootDirectory: URL
    /// Folder for the SQLite file and downloaded artifacts.
    public var dataDirectory: URL
    /// `nil` means an in-memory database (tests only).
    public var databasePath: String?
    /// bcrypt cost; 12 in production, 4 in tests to keep them fast.
    public var bcryptCost: UInt8
    /// Sets the `Secure` flag on cookies. `nil` decides from `publicBaseURL`'s scheme.
    public var secureCookies: Bool?
    /// How long a login lasts.
    public var sessionLifetime: Duration
    /// The URL people use to reach the server (e.g. `https://showrunner.example.com`).
    /// Used for invite links and as the allowed `Origin` of state-changing requests.
    public var publicBaseURL: URL?
    /// Trust `X-Forwarded-For` for the client address (only behind a reverse proxy you run).
    public var trustForwardedFor: Bool
    /// Requests a minute per Showrunner API key, on average (`SHOWRUNNER_API_RATE_LIMIT`,
    /// default 600; bursts of a sixth of it; 0 turns the limit off).
    public var apiRequestsPerMinute: Int = 600
    /// Let outgoing webhooks reach loopback and private addresses (`SHOWRUNNER_WEBHOOKS_ALLOW_PRIVATE`;
    /// off: an admin cannot make the server probe its own network).
    public var webhooksAllowPrivateAddresses = false
    /// Send outgoing webhooks (tests turn it off, or tune the dispatcher below).
    public var runsWebhookDispatcher = true
    public var webhookDispatcherTick: Duration = .seconds(1)
    public var webhookBackoff: [TimeInterval] = [10, 60, 300, 1800, 7200]
    /// Whether anyone may create an account and organisation at `/signup`.
    public var allowSignup: Bool
    /// Failed logins allowed per account (and, ×4, per client address) within `loginThrottleWindow`.
    public var loginFailuresPerAccount: Int
    public var loginThrottleWindow: Duration
    /// How long an invite link stays valid.
    public var invitationLifetime: Duration
    /// Re-read templates on every request (DEBUG builds only; for editing templates live).
    public var reloadTemplates: Bool
    /// Compiled templates where there are (the default), or the interpreter everywhere
    /// (tests compare the two).
    public var templateEngine: PageRenderer.Engine = .automatic
    public var logLevel: Logger.Level
    /// The memories.ai API, or the built-in simulator when no key is set.
    public var upstream: UpstreamSettings
    /// The master key for secrets at rest (`SHOWRUNNER_SECRET_KEY`); nil reads or creates
    /// `<data-dir>/master.key`.
    public var secretKey: String?
    /// Largest result zip the server downloads (`SHOWRUNNER_MAX_RESULT_BYTES`).
    public var maxResultBytes: Int64
    /// Largest episode video kept or fetched (`SHOWRUNNER_MAX_VIDEO_BYTES`, default 4 GiB).
    public var maxVideoBytes: Int64 = 4 << 30
    /// Room for videos fetched from upstream for playback (`SHOWRUNNER_VIDEO_CACHE_BYTES`,
    /// default 20 GiB); the least recently served go first. Uploaded copies do not count.
    public var videoCacheBytes: Int64 = 20 << 30
    /// Memory for decoded storyboard runs and their rendered page and JSON (`SHOWRUNNER_STORYBOARD_CACHE_MB`).
    public var storyboardCacheBytes: Int = 12 << 20
    /// Rendered tenant pages kept in memory (`SHOWRUNNER_PAGE_CACHE_MB`, default 16; 0 turns the
    /// cache off): see `PageCache`.
    public var pageCacheBytes: Int = 16 << 20
    /// Files at least this large are sent to memories.ai through a signed URL rather than
    /// `POST /upload` (`SHOWRUNNER_SIGNED_UPLOAD_BYTES`, default 64 MiB).
    public var signedUploadBytes: Int64 = 64 << 20
    /// Keep an uploaded file as the episode's video for the player, so playback never pays for
    /// a download (`SHOWRUNNER_KEEP_UPLOADED_VIDEOS`, default on).
    public var keepsUploadedVideos: Bool = true
    /// Copy the database into `backupsDirectory` before applying migrations to it
    /// (`SHOWRUNNER_BACKUP_BEFORE_MIGRATE`, default on).
    public var backupsBeforeMigrating: Bool = true
    /// Scheduled backups (`SHOWRUNNER_BACKUP_DIR`; off when unset), every
    /// `SHOWRUNNER_BACKUP_INTERVAL_HOURS` (24), keeping the newest `SHOWRUNNER_BACKUP_KEEP` (7).
    public var scheduledBackupDirectory: URL?
    public var scheduledBackupInterval: Duration = .seconds(24 * 3600)
    public var scheduledBackupsKept: Int = 7
    /// Cap on downloaded result zips (`SHOWRUNNER_ARTIFACTS_MAX_BYTES`; none when unset): above
    /// it, retention removes the zips of ingested tasks, oldest first.
    public var artifactsCapBytes: Int64?
    /// Run scheduled backups and hourly retention (tests that do not test them turn this off).
    public var runsMaintenance: Bool = true
    /// The bearer token for `GET /metrics` (`SHOWRUNNER_METRICS_TOKEN`); without one there are no metrics.
    public var metricsToken: String?
    /// `/readyz` reports not ready below this much free space in the data folder
    /// (`SHOWRUNNER_MIN_FREE_DISK_MB`, default 512).
    public var minimumFreeDiskBytes: Int64 = 512 << 20
    /// Run the upload forwarder (tests that do not upload turn this off).
    public var runsUploadForwarder: Bool = true
    /// How often the forwarder looks for due uploads, when it first checks an uploaded asset,
    /// and how long its lease on one upload lasts without renewal.
    public var uploadForwarderTick: Duration = .seconds(1)
    public var uploadPollInterval: Duration = .seconds(2)
    public var uploadLeaseSeconds: Double = 30
    /// How often the tracker polls a task no callback has finished (first delay; it backs off).
    public var pollInterval: Duration
    /// The longest gap between two status checks of one task.
    public var maxPollInterval: Duration
    /// Run the background tracker (tests that drive it by hand turn this off).
    public var runsTracker: Bool
    /// How often the tracker looks for due work (a callback makes a task due at once).
    public var trackerTick: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        rootDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        dataDirectory: URL = URL(fileURLWithPath: "data", isDirectory: true),
        databasePath: String? = nil,
        bcryptCost: UInt8 = 12,
        secureCookies: Bool? = nil,
        sessionLifetime: Duration = .seconds(7 * 24 * 3600),
        publicBaseURL: URL? = nil,
        trustForwardedFor: Bool = false,
        allowSignup: Bool = true,
        loginFailuresPerAccount: Int = 5,
        loginThrottleWindow: Duration = .seconds(15 * 60),
        invitationLifetime: Duration = .seconds(7 * 24 * 3600),
        reloadTemplates: Bool = false,
        logLevel: Logger.Level = .info,
        upstream: UpstreamSettings = UpstreamSettings(),
        secretKey: String? = nil,
        maxResultBytes: Int64 = 2 * 1024 * 1024 * 1024,
        pollInterval: Duration = .seconds(15),
        maxPollInterval: Duration = .seconds(300),
        runsTracker: Bool = true,
        trackerTick: Duration = .seconds(1)
    ) {
        self.host = host
        self.port = port
        self.rootDirectory = rootDirectory
        self.dataDirectory = dataDirectory
        self.databasePath = databasePath
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.publicBaseURL = publicBaseURL
        self.trustForwardedFor = trustForwardedFor
        self.allowSignup = allowSignup
        self.loginFailuresPerAccount = loginFailuresPerAccount
        self.loginThrottleWindow = loginThrottleWindow
        self.invitationLifetime = invitationLifetime
        self.reloadTemplates = reloadTemplates
        self.logLevel = logLevel
        self.upstream = upstream
        self.secretKey = secretKey
        self.maxResultBytes = maxResultBytes
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
        self.runsTracker = runsTracker
        self.trackerTick = trackerTick
    }

    /// The database file inside the data directory unless a path was given.
    public static func defaultDatabasePath(in dataDirectory: URL) -> String {
        dataDirectory.appendingPathComponent("showrunner.sqlite").path
    }

    var templatesDirectory: URL { rootDirectory.appendingPathComponent("Templates", isDirectory: true) }
    var publicDirectory: URL { rootDirectory.appendingPathComponent("Public", isDirectory: true) }
    var migrationsDirectory: URL { rootDirectory.appendingPathComponent("Migrations", isDirectory: true) }
    /// Downloaded result zips, one per task, and their partial downloads.
    var artifactsDirectory: URL { dataDirectory.appendingPathComponent("artifacts", isDirectory: true) }
    /// Copies taken before migrations.
    public var backupsDirectory: URL { dataDirectory.appendingPathComponent("backups", isDirectory: true) }
    /// Files received from browsers, until memories.ai has them.
    var uploadsDirectory: URL { dataDirectory.appendingPathComponent("uploads", isDirectory: true) }
    /// Episode videos: uploaded copies and the playback cache.
    var videosDirectory: URL { dataDirectory.appendingPathComponent("videos", isDirectory: true) }

    /// Cookies are `Secure` when configured so, or when the public URL is https.
    var usesSecureCookies: Bool {
        secureCookies ?? (publicBaseURL?.scheme?.lowercased() == "https")
    }

    /// The base URL for links that leave the browser (invite links), without a trailing slash.
    var externalBaseURL: String {
        if let publicBaseURL {
            var text = publicBaseURL.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            return text
        }
        return "http://\(host):\(port)"
    }
}
