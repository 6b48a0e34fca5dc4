import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MemoriesClient
import NIOCore
import NIOPosix

/// `/serve/api/v2/screenplay/tasks`: memories.ai's screenplay API, spoken to clients holding a
/// Showrunner key. Existing client code works by changing the base URL and the key; the tasks
/// go through the organisation's memories.ai account with the same budget, rate limit and
/// duplicate-charge protection as any other, appear in its task history, and downloads come
/// from the kept zip, so they are never billed twice.
struct GatewayController {
    let dependencies: AppDependencies

    /// A retried submit (same body, same key) within this long is the same task.
    static let retryWindow: TimeInterval = 600
    static let maximumEpisodes = 5000

    var gateway: GatewayRepository { GatewayRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.post("tasks", use: submit)
        group.get("tasks/:task_id", use: status)
        group.delete("tasks/:task_id", use: cancel)
        group.get("tasks/:task_id/download", use: download)
    }

    /// Upstream's body, read by its own field names.
    struct SubmitBody: Decodable {
        var mode: String?
        var episodes: [String: String]?
        var config: ScreenplayConfig?
    }

    @Sendable func submit(_ request: Request, context: APIContext) async throws -> Response {
        guard context.role.isAtLeast(.member) else {
            throw GatewayError(code: 403, message: "This key's role (\(context.role.rawValue)) cannot submit tasks.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: APIJSON.maximumBodyBytes)
        } catch {
            throw GatewayError(code: 413, message: "Request body is too large.")
        }
        guard let body = try? JSONDecoder().decode(SubmitBody.self, from: Data(buffer.readableBytesView)) else {
            throw GatewayError.invalid("Invalid request parameters")
        }
        guard let mode = body.mode else { throw GatewayError.invalid("Invalid request parameters: mode is required") }
        guard ScreenplayMode(rawValue: mode)?.isAvailable == true else {
            throw GatewayError.invalid("Invalid request parameters: mode \(mode) is not available (use short_drama)")
        }
        guard let raw = body.episodes, !raw.isEmpty else { throw GatewayError.invalid("Invalid request parameters: episodes is required") }
        guard raw.count <= Self.maximumEpisodes else { throw GatewayError.invalid("Invalid request parameters: at most \(Self.maximumEpisodes) episodes") }
        guard let config = body.config else { throw GatewayError.invalid("Invalid request parameters: config is required") }
        if !(config.requireJSON ?? true) && !(config.requireXLSX ?? false) && !(config.requireMergeXLSX ?? false) {
            throw GatewayError.invalid("Invalid request parameters: at least one of require_json, require_xlsx, or require_merge_xlsx must be true")
        }
        if let concurrency = config.concurrency, !(1...1000).contains(concurrency) {
            throw GatewayError.invalid("Invalid request parameters: concurrency must be from 1 to 1000")
        }
        if let language = config.language, language.isEmpty || language.count > 20 {
            throw GatewayError.invalid("Invalid request parameters: language")
        }
        var episodes: [Int: String] = [:]
        var invalid: [String] = []
        for (key, asset) in raw {
            guard let number = Int(key), number > 0, number < 100_000, String(number) == key else {
                throw GatewayError.invalid("Invalid request parameters: episode keys are episode numbers (\"1\", \"2\", …)")
            }
            if !AssetID.isValid(asset) { invalid.append("episode \(number) (\(asset.prefix(40))): not an asset id") }
            episodes[number] = asset
        }
        guard invalid.isEmpty else { throw GatewayError.invalid("Invalid assets: " + invalid.sorted().joined(separator: "; ")) }
        let placement = try await gateway.place(organizationId: context.organizationId, episodes: episodes)
        let plan = Self.plan(episodes: episodes, placement: placement, mode: mode, config: config)
        if !plan.blockers.isEmpty { throw GatewayError.invalid("Invalid assets: " + plan.blockers.joined(separator: " ")) }

        let account = try await dependencies.accounts.forNewTask(organizationId: context.organizationId)
        let idempotencyKey = request.headers[.idempotencyKey].flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
        let tokenHash = SecureToken.sha256Hex("gateway:\(context.key.id):\(idempotencyKey ?? SecureToken.generate())")
        let submitter = TaskSubmitter(
            tasks: TaskSubmitStore(database: dependencies.database), accounts: dependencies.accounts,
            pollInterval: dependencies.configuration.pollInterval, logger: context.logger
        )
        let outcome: TaskSubmitter.Outcome
        do {
            outcome = try await submitter.submit(
                plan: plan, drama: placement.drama.drama, account: account, tokenHash: tokenHash, userId: context.userId,
                apiKeyId: context.key.id, sameRequestSince: Date().addingTimeInterval(-Self.retryWindow)
            )
        } catch let exceeded as TaskSubmitStore.BudgetExceeded {
            throw GatewayError(code: 402, message: exceeded.message)
        }
        switch outcome {
        case .submitted(let id), .duplicate(let id):
            guard let task = try await TaskRepository(database: dependencies.database).find(organizationId: context.organizationId, id: id) else {
                throw GatewayError(code: 500, message: "The task was recorded but cannot be read.")
            }
            guard let upstreamId = task.upstreamTaskId else {
                // An earlier identical submit is still being sent, or its outcome is unknown.
                throw GatewayError(code: 409, message: "An identical task (Showrunner task \(id)) is \(task.status.rawValue.replacingOccurrences(of: "_", with: " ")); check it before submitting again.")
            }
            var data: [String: Any] = ["task_id": upstreamId, "status": "pending", "mode": task.mode]
            data["created_at"] = task.upstreamCreatedAt ?? ISO8601DateFormatter().string(from: task.createdAt)
            if let total = task.totalDurationSeconds { data["total_duration_seconds"] = total }
            context.logger.notice("gateway task submitted", metadata: ["task": "\(id)", "catalogued": "\(placement.isCatalogued)"])
            if case .submitted = outcome {
                await dependencies.audit(
                    .taskSubmitted, context, request, target: ("task", String(id)),
                    "Task #\(id) through the gateway: \(plan.items.count) episodes\(placement.isCatalogued ? " of \(placement.drama.drama.title)" : " (uncatalogued)")."
                )
            }
            return GatewayEnvelope.success(data)
        case .rejected(_, let message):
            throw GatewayError.invalid(message)
        case .unknown(let id):
            // Never retried: it may exist upstream. The task history says what to check.
            throw GatewayError(code: 502, message: "memories.ai did not answer; the task may have been created. It is Showrunner task \(id); do not resubmit before checking it.")
        }
    }

    /// The plan from raw asset ids: durations (hence the estimate) where the catalog knows them.
    static func plan(episodes: [Int: String], placement: GatewayRepository.Placement, mode: String, config: ScreenplayConfig) -> SubmitPlan {
        var blockers: [String] = []
        let items: [SubmitPlan.Item] = episodes.sorted { $0.key < $1.key }.map { number, asset in
            let episode = placement.episodes[number]
            if let duration = episode?.durationSeconds, duration >= EpisodeDuration.upstreamLimit {
                blockers.append("episode \(number) (\(asset)) is \(EpisodeDuration.format(duration)) long; episodes must be under 5 minutes.")
            }
            return SubmitPlan.Item(
                episodeId: episode?.id, number: number, title: episode?.title ?? "", assetId: asset, durationSeconds: episode?.durationSeconds,
                costCents: episode?.durationSeconds.map { ScreenplayPricing.episodeCostCents(durationSeconds: $0) } ?? 0
            )
        }
        return SubmitPlan(
            items: items, blockers: blockers,
            request: SubmitTaskRequest(rawMode: mode, episodes: Dictionary(uniqueKeysWithValues: episodes.map { (String($0.key), $0.value) }), config: config),
            estimateCents: items.reduce(0) { $0 + $1.costCents },
            unknownDurationNumbers: items.filter { $0.durationSeconds == nil }.map(\.number)
        )
    }

    func requireTask(_ context: APIContext) async throws -> TaskRecord {
        let id = context.parameters.get("task_id") ?? ""
        guard id.count <= 100, let task = try await gateway.task(organizationId: context.organizationId, upstreamTaskId: id) else {
            throw GatewayError.notFound(String(id.prefix(100)))
        }
        return task
    }

    /// Upstream's status shape, from what Showrunner tracks (no upstream call, so polling the
    /// gateway never spends the account's rate limit).
    static func statusData(_ task: TaskRecord, taskId: String) -> [String: Any] {
        var data: [String: Any] = ["task_id": taskId]
        switch task.status {
        case .submitting, .pending, .outcomeUnknown: data["status"] = "pending"
        case .running:
            data["status"] = "running"
            data["progress"] = ["total_episodes": task.progressTotal ?? task.episodeCount, "completed_episodes": task.progressCompleted ?? 0]
        case .completed: data["status"] = "completed"
        case .cancelled: data["status"] = "cancelled"
        case .failed, .rejected:
            data["status"] = "failed"
            data["error_code"] = task.errorCode ?? "failed"
            data["error_message"] = task.errorMessage ?? "The task failed."
        }
        return data
    }

    @Sendable func status(_ request: Request, context: APIContext) async throws -> Response {
        let task = try await requireTask(context)
        return GatewayEnvelope.success(Self.statusData(task, taskId: task.upstreamTaskId ?? ""))
    }

    @Sendable func cancel(_ request: Request, context: APIContext) async throws -> Response {
        guard context.role.isAtLeast(.member) else {
            throw GatewayError(code: 403, message: "This key's role (\(context.role.rawValue)) cannot cancel tasks.")
        }
        let task = try await requireTask(context)
        let canceller = TaskCanceller(
            tasks: TaskRepository(database: dependencies.database), queue: TaskQueue(database: dependencies.database), accounts: dependencies.accounts
        )
        let outcome = try await canceller.cancel(task, by: context.userId)
        switch outcome {
        case .cancelled:
            await dependencies.audit(.taskCancelled, context, request, target: ("task", String(task.id)), "Cancelled task #\(task.id) through the gateway.")
            return GatewayEnvelope.success(["task_id": task.upstreamTaskId ?? "", "status": "cancelled"])
        case .notCancellable(let status):
            throw GatewayError.invalid("Task cannot be cancelled, current status: \(Self.statusData(task, taskId: "")["status"] as? String ?? status.rawValue)")
        case .keyDeleted, .upstreamState, .refused:
            throw GatewayError.invalid(outcome.message)
        case .unreachable(let reason):
            throw GatewayError(code: 502, message: reason)
        }
    }

    /// The zip Showrunner kept when the task completed: never a second (billed) download upstream.
    @Sendable func download(_ request: Request, context: APIContext) async throws -> Response {
        let task = try await requireTask(context)
        let taskId = task.upstreamTaskId ?? ""
        guard task.status == .completed else {
            let status = Self.statusData(task, taskId: taskId)["status"] as? String ?? task.status.rawValue
            throw GatewayError.invalid("Task is not completed yet, current status: \(status)")
        }
        guard let path = task.artifactPath, FileManager.default.fileExists(atPath: path) else {
            switch task.resultStatus {
            case .none, .downloading:
                throw GatewayError(code: 503, message: "The result is being fetched from memories.ai; try again in a moment.", headers: [.retryAfter: "5"])
            default:
                throw GatewayError.invalid("No downloadable files found for this task.")
            }
        }
        let body = try await FileIO(threadPool: .singleton).loadFile(path: path, context: context)
        let safe = taskId.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return Response(
            status: .ok,
            headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(safe.isEmpty ? "result" : safe).zip\""],
            body: body
        )
    }
}
