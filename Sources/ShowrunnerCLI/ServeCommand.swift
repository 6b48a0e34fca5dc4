import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Showrunner

/// `showrunner serve`: migrates the database and runs the web server until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web server (the default command).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to bind. Env: SHOWRUNNER_HOST. Default: 127.0.0.1")
    var host: String?

    @Option(help: "Port to listen on. Env: SHOWRUNNER_PORT. Default: 8080")
    var port: Int?

    @Option(help: "Public URL people use, e.g. https://showrunner.example.com. Env: SHOWRUNNER_PUBLIC_URL")
    var publicURL: String?

    @Option(help: "Force the Secure cookie flag on or off. Env: SHOWRUNNER_SECURE_COOKIES. Default: on when the public URL is https.")
    var secureCookies: Bool?

    @Flag(help: "Trust X-Forwarded-For (only behind your own reverse proxy). Env: SHOWRUNNER_TRUST_PROXY")
    var trustProxy = false

    @Flag(help: "Disable public sign-up; people join by invitation only. Env: SHOWRUNNER_DISABLE_SIGNUP")
    var disableSignup = false

    @Option(help: "bcrypt cost for new password hashes. Env: SHOWRUNNER_BCRYPT_COST. Default: 12")
    var bcryptCost: UInt8?

    @Option(help: "memories.ai API key. Env: SHOWRUNNER_MEMORIES_API_KEY. Without one the built-in simulator is used.")
    var memoriesAPIKey: String?

    @Option(help: "memories.ai API base URL. Env: SHOWRUNNER_MEMORIES_BASE_URL. Default: the vendor's v2 URL (or the simulator's).")
    var memoriesBaseURL: String?

    @Option(help: "Port of the built-in simulator. Env: SHOWRUNNER_SIMULATOR_PORT. Default: 8090")
    var simulatorPort: Int?

    @Option(help: "Simulated seconds per real second. Env: SHOWRUNNER_SIMULATOR_SPEED. Default: 60")
    var simulatorSpeed: Double?

    @Flag(help: "Load the demo organisation when the database has no users yet (make run does this).")
    var seedDemoIfEmpty = false

    func run() async throws {
        // Before the server's threads exist: fewer malloc arenas keep RSS flat under load.
        MemoryTuning.configure()
        let env = Environment.values
        var configuration = try common.configuration()
        configuration.host = host ?? env["SHOWRUNNER_HOST"] ?? configuration.host
        if let port = try port ?? env["SHOWRUNNER_PORT"].map(Self.parsePort) { configuration.port = port }
        if let text = publicURL ?? env["SHOWRUNNER_PUBLIC_URL"] {
            guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
                throw ValidationError("The public URL '\(text)' is not an absolute URL.")
            }
            configuration.publicBaseURL = url
        }
        configuration.secureCookies = try secureCookies ?? Environment.bool("SHOWRUNNER_SECURE_COOKIES")
        configuration.trustForwardedFor = try trustProxy || (Environment.bool("SHOWRUNNER_TRUST_PROXY") ?? false)
        configuration.allowSignup = try !(disableSignup || (Environment.bool("SHOWRUNNER_DISABLE_SIGNUP") ?? false))
        if let cost = try bcryptCost ?? env["SHOWRUNNER_BCRYPT_COST"].map(Self.parseCost) { configuration.bcryptCost = cost }
        configuration.reloadTemplates = try Environment.bool("SHOWRUNNER_RELOAD_TEMPLATES") ?? false
        configuration.upstream.apiKey = (memoriesAPIKey ?? env["SHOWRUNNER_MEMORIES_API_KEY"]).flatMap { $0.isEmpty ? nil : $0 }
        configuration.upstream.baseURL = (memoriesBaseURL ?? env["SHOWRUNNER_MEMORIES_BASE_URL"]).flatMap { $0.isEmpty ? nil : $0 }
        configuration.secretKey = env["SHOWRUNNER_SECRET_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = env["SHOWRUNNER_MAX_RESULT_BYTES"] {
            guard let bytes = Int64(text), bytes > 0 else { throw ValidationError("SHOWRUNNER_MAX_RESULT_BYTES must be a positive number of bytes.") }
            configuration.maxResultBytes = bytes
        }
        if let bytes = try Self.byteCount(env, "SHOWRUNNER_MAX_VIDEO_BYTES") { configuration.maxVideoBytes = bytes }
        if let bytes = try Self.byteCount(env, "SHOWRUNNER_VIDEO_CACHE_BYTES") { configuration.videoCacheBytes = bytes }
        if let bytes = try Self.byteCount(env, "SHOWRUNNER_SIGNED_UPLOAD_BYTES") { configuration.signedUploadBytes = bytes }
        if let keep = try Environment.bool("SHOWRUNNER_KEEP_UPLOADED_VIDEOS") { configuration.keepsUploadedVideos = keep }
        if let text = env["SHOWRUNNER_MIN_FREE_DISK_MB"] {
            guard let megabytes = Int64(text), megabytes >= 0 else { throw ValidationError("SHOWRUNNER_MIN_FREE_DISK_MB must be a number of megabytes.") }
            configuration.minimumFreeDiskBytes = megabytes << 20
        }
        for (name, apply) in [
            ("SHOWRUNNER_POLL_SECONDS", { (value: Duration) in configuration.pollInterval = value }),
            ("SHOWRUNNER_MAX_POLL_SECONDS", { (value: Duration) in configuration.maxPollInterval = value }),
        ] as [(String, (Duration) -> Void)] {
            guard let text = env[name] else { continue }
            guard let seconds = Double(text), seconds > 0 else { throw ValidationError("\(name) must be a positive number of seconds.") }
            apply(.milliseconds(Int(seconds * 1000)))
        }
        if let token = env["SHOWRUNNER_METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 16 else { throw ValidationError("SHOWRUNNER_METRICS_TOKEN must be at least 16 characters.") }
            configuration.metricsToken = token
        }
        if let allow = try Environment.bool("SHOWRUNNER_WEBHOOKS_ALLOW_PRIVATE") { configuration.webhooksAllowPrivateAddresses = allow }
        if let text = env["SHOWRUNNER_API_RATE_LIMIT"] {
            guard let limit = Int(text), limit >= 0 else { throw ValidationError("SHOWRUNNER_API_RATE_LIMIT must be a number of requests a minute (0: no limit).") }
            configuration.apiRequestsPerMinute = limit
        }
        if let bytes = try Self.byteCount(env, "SHOWRUNNER_ARTIFACTS_MAX_BYTES") { configuration.artifactsCapBytes = bytes }
        if let text = env["SHOWRUNNER_STORYBOARD_CACHE_MB"] {
            guard let megabytes = Int(text), (1...4_096).contains(megabytes) else {
                throw ValidationError("SHOWRUNNER_STORYBOARD_CACHE_MB must be a number of megabytes from 1 to 4096.")
            }
            configuration.storyboardCacheBytes = megabytes << 20
        }
        if let text = env["SHOWRUNNER_PAGE_CACHE_MB"] {
            guard let megabytes = Int(text), (0...4_096).contains(megabytes) else {
                throw ValidationError("SHOWRUNNER_PAGE_CACHE_MB must be a number of megabytes from 0 (off) to 4096.")
            }
            configuration.pageCacheBytes = megabytes << 20
        }
        if let backup = try Environment.bool("SHOWRUNNER_BACKUP_BEFORE_MIGRATE") { configuration.backupsBeforeMigrating = backup }
        if let folder = env["SHOWRUNNER_BACKUP_DIR"], !folder.isEmpty {
            configuration.scheduledBackupDirectory = URL(fileURLWithPath: folder, isDirectory: true)
        }
        if let text = env["SHOWRUNNER_BACKUP_INTERVAL_HOURS"] {
            guard let hours = Double(text), hours > 0 else { throw ValidationError("SHOWRUNNER_BACKUP_INTERVAL_HOURS must be a positive number.") }
            configuration.scheduledBackupInterval = .milliseconds(Int(hours * 3_600_000))
        }
        if let text = env["SHOWRUNNER_BACKUP_KEEP"] {
            guard let keep = Int(text), keep > 0 else { throw ValidationError("SHOWRUNNER_BACKUP_KEEP must be a positive number.") }
            configuration.scheduledBackupsKept = keep
        }
        if let port = try simulatorPort ?? env["SHOWRUNNER_SIMULATOR_PORT"].map(Self.parsePort) { configuration.upstream.simulatorPort = port }
        if let speed = simulatorSpeed ?? env["SHOWRUNNER_SIMULATOR_SPEED"].flatMap(Double.init) {
            guard speed > 0 else { throw ValidationError("The simulator speed must be above 0.") }
            configuration.upstream.simulatorSpeed = speed
        }

        if let text = env["SHOWRUNNER_SIMULATOR_BALANCE_CENTS"] {
            guard let cents = Int(text), cents >= 0 else { throw ValidationError("SHOWRUNNER_SIMULATOR_BALANCE_CENTS must be a number of cents.") }
            configuration.upstream.simulatorBalanceCents = cents
        }

        let logger = common.logger(configuration)
        let upstream: Upstream
        do {
            upstream = try Upstream.make(configuration: configuration, logger: logger)
        } catch let error as UpstreamConfigurationError {
            throw ValidationError(error.description)
        }
        // Held until the process exits: `restore` refuses to run while any server has it.
        let lock: DatabaseLock?
        do {
            lock = try configuration.databasePath.map { try DatabaseLock(databasePath: $0, mode: .shared) }
        } catch let failure as DatabaseLock.Failure {
            throw ValidationError(failure.description)
        }
        // Parsing the templates is a fifth of start-up: done on another core while the database opens.
        let templates = Task { [configuration] in try await PageRenderer(configuration: configuration) }
        let database = try openDatabase(configuration: configuration, logger: logger)
        let app = try await buildApplication(
            configuration: configuration, database: database, upstream: upstream, logger: logger, renderer: try await templates.value)
        var users = try await AdminTasks.userCount(database: database)
        if seedDemoIfEmpty, users == 0 {
            try await DemoSeeding.seed(database: database, configuration: configuration)
            users = try await AdminTasks.userCount(database: database)
        }
        printBanner(configuration: configuration, upstream: upstream.mode, users: users)
        try await app.runService()
        withExtendedLifetime(lock) {}
    }

    func printBanner(configuration: AppConfiguration, upstream: UpstreamMode, users: Int) {
        let url = configuration.publicBaseURL?.absoluteString ?? "http://\(configuration.host):\(configuration.port)"
        Console.line("Showrunner is running at \(url)")
        Console.line("Database: \(configuration.databasePath ?? "in memory")")
        Console.line("Upstream: \(upstream.summary)")
        if upstream.isSimulator {
            Console.line("          Tasks run offline. Set SHOWRUNNER_MEMORIES_API_KEY, or add a key under Settings, for the real API.")
        } else if let url = try? serverWebhookURL(configuration: configuration) {
            // Printed, never logged: the token in it is a credential.
            Console.line("Webhook for this server's memories.ai account (paste it into the console): \(url)")
        }
        if users > 0 {
            Console.line("Forgot a password? showrunner user set-password --email you@example.com")
        }
        if users == 0 {
            Console.line("First time? Open \(url)/signup to create your account and organisation,")
            Console.line("or run: showrunner user create-admin --email you@example.com --org \"Your Studio\"")
        }
        Console.line("Press Ctrl-C to stop.")
    }

    /// A positive byte count from the environment, or nil when the variable is unset.
    static func byteCount(_ env: [String: String], _ name: String) throws -> Int64? {
        guard let text = env[name] else { return nil }
        guard let bytes = Int64(text), bytes > 0 else { throw ValidationError("\(name) must be a positive number of bytes.") }
        return bytes
    }

    static func parsePort(_ text: String) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw ValidationError("Ports must be 1–65535, not '\(text)'.") }
        return port
    }

    static func parseCost(_ text: String) throws -> UInt8 {
        guard let cost = UInt8(text), (4...31).contains(cost) else { throw ValidationError("SHOWRUNNER_BCRYPT_COST must be 4–31.") }
        return cost
    }
}
