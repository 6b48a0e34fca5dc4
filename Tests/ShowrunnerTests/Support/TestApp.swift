import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Showrunner

/// Builds the real application against a real SQLite database for tests.
enum TestApp {
    /// The package root (holds Templates/, Public/, Migrations/), found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ShowrunnerTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    static var migrations: URL { root.appendingPathComponent("Migrations") }

    static let logger: Logger = {
        var logger = Logger(label: "showrunner-tests")
        logger.logLevel = .warning
        return logger
    }()

    static func configuration(databasePath: String? = nil) -> AppConfiguration {
        var configuration = AppConfiguration(
            rootDirectory: root, dataDirectory: temporaryDirectory(), databasePath: databasePath, bcryptCost: 4
        )
        configuration.logLevel = .warning
        configuration.secretKey = "test-master-key-that-is-long-enough-0123456789"
        // Tests that need the upstream pass their own (the in-process simulator or a fake).
        configuration.upstream.runsEmbeddedSimulator = false
        configuration.runsTracker = false
        configuration.runsUploadForwarder = false
        configuration.runsMaintenance = false
        configuration.runsWebhookDispatcher = false
        // Compiled templates must really be used (CompiledTemplateTests compares them with the interpreter).
        configuration.templateEngine = .compiled
        return configuration
    }

    /// A fresh, fully migrated in-memory database.
    static func database() throws -> AppDatabase {
        try AppDatabase.inMemory(migrationsDirectory: migrations, logger: logger)
    }

    /// Runs `body` with a browser against the app on `database` (a fresh in-memory one by default).
    static func run<Value: Sendable>(
        database: AppDatabase? = nil,
        upstream: Upstream = FailingUpstream.upstream,
        logger: Logger = TestApp.logger,
        configure: (inout AppConfiguration) -> Void = { _ in },
        mode: TestingSetup = .router,
        _ body: @Sendable (Browser) async throws -> Value
    ) async throws -> Value {
        var configuration = configuration()
        configure(&configuration)
        let database = try database ?? self.database()
        let app = try await buildApplication(configuration: configuration, database: database, upstream: upstream, logger: logger)
        return try await app.test(mode) { client in
            try await body(Browser(client: client))
        }
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("showrunner-test-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A temporary file path for tests that need the database to outlive one app.
    static func temporaryDatabasePath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("showrunner-test-\(UUID().uuidString)")
            .appendingPathComponent("showrunner.sqlite").path
    }
}
