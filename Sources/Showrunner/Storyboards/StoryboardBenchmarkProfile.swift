import Foundation
import GRDB
import Hummingbird
import Logging

/// `showrunner bench-storyboard --profile`: each piece of a storyboard page request timed on
/// its own, serially, against a database written by `StoryboardBenchmark.prepare`: the
/// database reads the middleware and the page make, the cached pieces, the page render and
/// the response body copy. The page model is assembled as `StoryboardPageBuilder` does (which
/// needs a live request context), so keep the two in step.
extension StoryboardBenchmark {
    public struct Timing: Sendable {
        public let name: String
        public let iterations: Int
        public let medianMicroseconds: Double
        public let p99Microseconds: Double
        public let meanMicroseconds: Double
        public let bytes: Int?

        public var line: String {
            let size = bytes.map { "  \($0) bytes" } ?? ""
            let label = name.count < 56 ? name + String(repeating: " ", count: 56 - name.count) : name
            return label
                + String(format: " median %9.1f us  p99 %9.1f us  mean %9.1f us  (%d runs)", medianMicroseconds, p99Microseconds, meanMicroseconds, iterations)
                + size
        }
    }

    public static func profile(
        databasePath: String, rootDirectory: URL, typicalEpisodeId: Int64, stressEpisodeId: Int64, iterations: Int = 2_000,
        logger: Logger
    ) async throws -> [Timing] {
        let migrations = rootDirectory.appendingPathComponent("Migrations")
        let database = try AppDatabase.open(path: databasePath, migrationsDirectory: migrations, logger: logger)
        let renderer = try await PageRenderer(templatesDirectory: rootDirectory.appendingPathComponent("Templates"))
        let cache = StoryboardCache()
        let service = StoryboardService(database: database, cache: cache, renderer: renderer)
        let users = UserRepository(database: database)
        let organizations = OrganizationRepository(database: database)
        guard let user = try await users.find(email: email),
            let slug = try await database.writer.read({ db in
                try String.fetchOne(db, sql: "SELECT o.slug FROM organization o JOIN membership m ON m.organizationId = o.id WHERE m.userId = ?", arguments: [user.id])
            }),
            let access = try await organizations.access(slug: slug, userId: user.id)
        else { throw BenchmarkError("no benchmark user in \(databasePath); run --prepare first") }
        let organizationId = access.organizationId
        let sessions = SessionStore(database: database, logger: logger)
        let sessionKey = AppSessions.keyPrefix + SecureToken.generate()
        try await sessions.create(key: sessionKey, value: UserSession(userId: user.id, authenticatedAt: Date()), expires: .seconds(3600))
        let csrf = SecureToken.generate()

        var timings: [Timing] = []
        func measure(_ name: String, runs: Int = iterations, bytes: Int? = nil, _ body: () async throws -> Void) async rethrows {
            let clock = ContinuousClock()
            for _ in 0..<min(50, runs) { try await body() }  // warm caches and statements
            var samples: [Double] = []
            samples.reserveCapacity(runs)
            for _ in 0..<runs {
                let start = clock.now
                try await body()
                samples.append((clock.now - start).seconds * 1e6)
            }
            samples.sort()
            let median = samples[samples.count / 2]
            let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
            let timing = Timing(
                name: name, iterations: runs, medianMicroseconds: median, p99Microseconds: p99,
                meanMicroseconds: samples.reduce(0, +) / Double(samples.count), bytes: bytes
            )
            timings.append(timing)
        }

        // Cold pieces, once each (a fresh cache per run).
        for (label, episodeId) in [("typical", typicalEpisodeId), ("stress", stressEpisodeId)] {
            let header = try await service.header(organizationId: organizationId, episodeId: episodeId, runId: nil)
            var document: StoryboardDocument?
            try await measure("cold \(label): document from SQLite", runs: 5) {
                document = try await StoryboardRepository(database: database).document(organizationId: organizationId, episodeId: episodeId, runId: header.run?.id)
            }
            guard let document else { throw BenchmarkError("episode \(episodeId) has no run") }
            var html = ""
            try await measure("cold \(label): scene list render (mustache)", runs: 5) {
                html = try renderer.renderFragment(StoryboardScenesView(document), template: "storyboards/scenes").description
            }
            timings[timings.count - 1] = timings[timings.count - 1].with(bytes: html.utf8.count)
            var json = Data()
            try await measure("cold \(label): JSON encode", runs: 5) { json = try StoryboardJSON.encode(document) }
            timings[timings.count - 1] = timings[timings.count - 1].with(bytes: json.count)
        }

        // Per-request pieces, warm.
        try await measure("db: empty read (pool hop only)") { try await database.writer.read { _ in } }
        // GRDB's synchronous read runs the block on the calling thread (DispatchQueue.sync on an idle queue): no hop.
        try await measure("db: empty read, synchronous API") { try database.writer.read { _ in } }
        try await measure("db: session query, synchronous, cached statement") {
            _ = try database.writer.read { db in
                try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT data, expiresAt FROM session WHERE keyHash = ? AND expiresAt > ?"),
                    arguments: [SecureToken.sha256Hex(sessionKey), Date()]
                )
            }
        }
        await measure("cpu: SecureToken.sha256Hex (session key hash)") { _ = SecureToken.sha256Hex(sessionKey) }
        try await measure("db: session (SessionStore.getWithTTL)") {
            _ = try await sessions.getWithTTL(key: sessionKey, as: UserSession.self)
        }
        try await measure("db: user (UserRepository.find(id:))") { _ = try await users.find(id: user.id) }
        try await measure("db: membership (OrganizationRepository.access)") { _ = try await organizations.access(slug: slug, userId: user.id) }
        for (label, episodeId) in [("typical", typicalEpisodeId), ("stress", stressEpisodeId)] {
            try await measure("db: \(label) header (StoryboardHeader.fetch)") {
                _ = try await service.header(organizationId: organizationId, episodeId: episodeId, runId: nil)
            }
            let header = try await service.header(organizationId: organizationId, episodeId: episodeId, runId: nil)
            guard let runId = header.run?.id else { continue }
            try await measure("db: \(label) comments (CommentRepository.comments)") {
                _ = try await CommentRepository(database: database).comments(organizationId: organizationId, runId: runId)
            }
            try await measure("db: \(label) all five reads in one read block") {
                _ = try await database.writer.read { db in
                    _ = try Row.fetchOne(db, sql: "SELECT data, expiresAt FROM session WHERE keyHash = ? AND expiresAt > ?", arguments: [SecureToken.sha256Hex(sessionKey), Date()])
                    _ = try User.fetchOne(db, key: user.id)
                    _ = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT o.id, o.slug, o.name, o.createdAt, m.id AS membershipId, m.role, m.createdAt AS memberSince
                            FROM organization o JOIN membership m ON m.organizationId = o.id WHERE o.slug = ? AND m.userId = ?
                            """,
                        arguments: [slug, user.id]
                    )
                    _ = try StoryboardHeader.fetch(organizationId: organizationId, episodeId: episodeId, runId: nil, in: db)
                }
            }
            let document = try await service.document(for: header, organizationId: organizationId)
            guard let document else { continue }
            try await measure("cache: \(label) document + scene HTML + JSON hit") {
                _ = try await service.document(for: header, organizationId: organizationId)
                _ = try service.scenesHTML(for: document)
                _ = try service.json(for: document)
            }
            let comments = try await CommentRepository(database: database).comments(organizationId: organizationId, runId: runId)
            func page() throws -> StoryboardPage {
                StoryboardPageBuilder.assemble(
                    header: header, document: document, scenesHTML: try service.scenesHTML(for: document), comments: comments,
                    chrome: PageChrome(
                        title: "\(header.dramaTitle) · Episode \(header.episodeNumber)", csrf: csrf, user: user, flash: nil,
                        organization: access.organization, role: access.role,
                        trail: StoryboardPageBuilder.trail(header, org: slug, last: "Storyboard")
                    ),
                    org: slug, role: access.role, explicitRun: nil
                )
            }
            try await measure("model: \(label) page view model (builder's work)") { _ = try page() }
            let model = try page()
            let rendered = try renderer.render(model, template: "storyboards/show")
            try await measure("render: \(label) storyboards/show", bytes: rendered.content.utf8.count) {
                _ = try renderer.render(model, template: "storyboards/show")
            }
            var withoutComments = model
            withoutComments.comments = nil
            let chromeOnly = try renderer.render(withoutComments, template: "storyboards/show")
            try await measure("render: \(label) storyboards/show without comments", bytes: chromeOnly.content.utf8.count) {
                _ = try renderer.render(withoutComments, template: "storyboards/show")
            }
            let content = rendered.content
            await measure("body: \(label) page ByteBuffer(string:)") { _ = ByteBuffer(string: content) }
            let json = try service.json(for: document)
            await measure("body: \(label) JSON ByteBuffer(bytes:)", bytes: json.count) { _ = ByteBuffer(bytes: json) }
        }
        return timings
    }
}

extension StoryboardBenchmark.Timing {
    fileprivate func with(bytes: Int) -> Self {
        .init(
            name: name, iterations: iterations, medianMicroseconds: medianMicroseconds, p99Microseconds: p99Microseconds,
            meanMicroseconds: meanMicroseconds, bytes: bytes
        )
    }
}
