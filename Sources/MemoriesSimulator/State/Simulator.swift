import Foundation
import Logging
import MemoriesClient

/// The simulated memories.ai account store: tasks, balances and the charge ledger, the
/// asset catalog (`DemoAssets`), the simulated clock and the fault switches.
///
/// Handlers call into it for every API request; `SimulatorTicker` calls `collectDueCallbacks`
/// so callbacks fire even when nobody polls.
public actor Simulator {
    public nonisolated let configuration: SimulatorConfiguration
    let logger: Logger
    /// The files behind assets (generated slates of demo videos), for downloads.
    nonisolated let assetFiles: AssetFiles

    var faults: FaultSwitches
    var webhookURL: URL?
    var tasks: [String: SimulatedTask] = [:]
    /// Assets created by upload (Simulator+Uploads).
    var uploads: [String: SimulatedUpload] = [:]
    var taskOrder: [String] = []
    var balances: [String: Int] = [:]
    var ledgerEntries: [LedgerEntry] = []
    var callbackLog: [CallbackRecord] = []
    var requestCounts: [String: Int] = [:]
    var buckets: [String: (tokens: Double, at: ContinuousClock.Instant)] = [:]
    var rateLimitRejections: [String: Int] = [:]

    // Simulated clock: reading = manualOffset + real elapsed since `clockBase` × speed.
    private var speed: Double
    private var clockBase = ContinuousClock.now
    private var clockOffset = 0.0

    public init(configuration: SimulatorConfiguration = SimulatorConfiguration(), logger: Logger = Logger(label: "memories.simulator")) {
        self.configuration = configuration
        self.logger = logger
        self.assetFiles = AssetFiles(workDirectory: configuration.workDirectory, logger: logger)
        self.faults = configuration.faults
        self.webhookURL = configuration.webhookURL
        self.speed = configuration.speed
    }

    // MARK: Clock

    /// The simulated clock, in seconds since the simulator started.
    public func now() -> Double {
        let elapsed = ContinuousClock.now - clockBase
        return clockOffset + elapsed.seconds * speed
    }

    /// Moves simulated time forward (tests use speed 0 and this).
    public func advance(by seconds: Double) {
        clockOffset += max(0, seconds)
    }

    public func setSpeed(_ newSpeed: Double) {
        clockOffset = now()
        clockBase = .now
        speed = max(0, newSpeed)
    }

    public func currentSpeed() -> Double { speed }

    // MARK: Switches and introspection

    public func currentFaults() -> FaultSwitches { faults }

    public func setFaults(_ newFaults: FaultSwitches) {
        faults = newFaults
    }

    public func updateFaults(_ change: (inout FaultSwitches) -> Void) {
        change(&faults)
    }

    public func setWebhookURL(_ url: URL?) {
        webhookURL = url
    }

    public func currentWebhookURL() -> URL? { webhookURL }

    /// API requests received per route (`"POST /screenplay/tasks"`, `"GET /screenplay/tasks/:id"`…).
    public func requestCountsByRoute() -> [String: Int] { requestCounts }

    public func requestCount(route: String) -> Int { requestCounts[route, default: 0] }

    /// Requests refused by the account rate limit (not by the fault switches), per key.
    public func rateLimitRejectionCount(forKey key: String) -> Int { rateLimitRejections[key, default: 0] }

    public func totalRateLimitRejections() -> Int { rateLimitRejections.values.reduce(0, +) }

    public func ledger() -> [LedgerEntry] { ledgerEntries }

    public func balance(forKey key: String) -> Int { balances[key] ?? configuration.initialBalanceCents }

    public func setBalance(_ cents: Int, forKey key: String) {
        balances[key] = cents
    }

    public func callbacks() -> [CallbackRecord] { callbackLog }

    public func taskSummaries() -> [SimulatorTaskSummary] {
        let reading = now()
        return taskOrder.compactMap { tasks[$0] }.map { task in
            SimulatorTaskSummary(
                taskID: task.id, status: task.status(at: reading), episodes: task.request.episodes,
                chargedCents: task.chargedCents, createdAt: Self.iso8601(task.createdAt)
            )
        }
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
