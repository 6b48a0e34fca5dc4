import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MemoriesSimulator

/// `showrunner simulate`: runs the memories.ai simulator on its own port.
///
/// Every flag falls back to an environment variable (`SHOWRUNNER_SIM_HOST`, `…_PORT`,
/// `…_SPEED`, `…_WEBHOOK_URL`, `…_API_KEY`, `…_BALANCE_CENTS`, `…_RATE_LIMIT`), then to a default.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the built-in memories.ai screenplay API simulator."
    )

    @Option(help: "Interface to listen on (env SHOWRUNNER_SIM_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one (env SHOWRUNNER_SIM_PORT, default 8090).")
    var port: Int?

    @Option(help: "Simulated seconds per real second (env SHOWRUNNER_SIM_SPEED, default 60).")
    var speed: Double?

    @Option(help: "Where task callbacks are POSTed (env SHOWRUNNER_SIM_WEBHOOK_URL). Without one, submits are rejected as upstream does.")
    var webhookURL: String?

    @Option(help: "Accept only this API key (env SHOWRUNNER_SIM_API_KEY). Default: any key starting with sk-.")
    var apiKey: String?

    @Option(help: "Starting balance of each account in US cents (env SHOWRUNNER_SIM_BALANCE_CENTS, default 100000).")
    var balanceCents: Int?

    @Option(help: "Requests per second per account, 0 for unlimited (env SHOWRUNNER_SIM_RATE_LIMIT, default 1).")
    var rateLimit: Double?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        func env(_ name: String) -> String? { environment["SHOWRUNNER_SIM_\(name)"].flatMap { $0.isEmpty ? nil : $0 } }

        let host = self.host ?? env("HOST") ?? "127.0.0.1"
        let port = self.port ?? env("PORT").flatMap(Int.init) ?? 8090
        let rate = self.rateLimit ?? env("RATE_LIMIT").flatMap(Double.init) ?? 1
        var configuration = SimulatorConfiguration(
            speed: speed ?? env("SPEED").flatMap(Double.init) ?? 60,
            webhookURL: (webhookURL ?? env("WEBHOOK_URL")).flatMap { URL(string: $0) },
            initialBalanceCents: balanceCents ?? env("BALANCE_CENTS").flatMap(Int.init) ?? 100_000,
            rateLimit: rate > 0 ? RateLimitRule(requestsPerSecond: rate, burst: 1) : nil
        )
        if let key = apiKey ?? env("API_KEY") {
            configuration.apiKeys = .exactly([key])
        }

        var logger = Logger(label: "memories.simulator")
        logger.logLevel = .info
        let simulator = Simulator(configuration: configuration, logger: logger)
        let prefix = configuration.pathPrefix
        let hasWebhook = configuration.webhookURL != nil
        let app = makeSimulatorApplication(simulator: simulator, host: host, port: port, logger: logger) { boundPort in
            var banner = "memories.ai simulator base URL: http://\(host):\(boundPort)\(prefix)\n"
            banner += "admin endpoints: http://\(host):\(boundPort)/_simulator/\n"
            if !hasWebhook {
                banner += "warning: no --webhook-url; submits are rejected until one is set (PUT /_simulator/webhook)\n"
            }
            // Unbuffered, so scripts reading our output see the URL at once.
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
    }
}
