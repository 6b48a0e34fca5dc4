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

    func run() async throws {
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

        let logger = common.logger(configuration)
        let database = try openDatabase(configuration: configuration, logger: logger)
        let app = try await buildApplication(configuration: configuration, database: database, logger: logger)
        let users = try await AdminTasks.userCount(database: database)
        printBanner(configuration: configuration, users: users)
        try await app.runService()
    }

    func printBanner(configuration: AppConfiguration, users: Int) {
        let url = configuration.publicBaseURL?.absoluteString ?? "http://\(configuration.host):\(configuration.port)"
        print("Showrunner is running at \(url)")
        print("Database: \(configuration.databasePath ?? "in memory")")
        if users == 0 {
            print("First time? Open \(url)/signup to create your account and organisation,")
            print("or run: showrunner user create-admin --email you@example.com --org \"Your Studio\"")
        }
        print("Press Ctrl-C to stop.")
    }

    static func parsePort(_ text: String) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw ValidationError("SHOWRUNNER_PORT must be 1–65535.") }
        return port
    }

    static func parseCost(_ text: String) throws -> UInt8 {
        guard let cost = UInt8(text), (4...31).contains(cost) else { throw ValidationError("SHOWRUNNER_BCRYPT_COST must be 4–31.") }
        return cost
    }
}
