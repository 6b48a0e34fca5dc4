import Foundation
import Logging
import MemoriesClient

extension Simulator {
    /// `POST /screenplay/tasks`. Validation order and all messages not quoted from the docs
    /// are invented; see docs/upstream.md.
    func submit(apiKey: String, body: Data) -> APIReply {
        guard let request = try? JSONDecoder().decode(SubmitTaskRequest.self, from: body) else {
            return .invalidParameters
        }
        guard let mode = ScreenplayMode(rawValue: request.mode) else {
            return .error(400, "Unsupported mode: \(request.mode)")
        }
        guard mode.isAvailable else {
            return .error(400, "Mode \(mode.rawValue) is coming soon and not available yet.")
        }
        guard !request.episodes.isEmpty else {
            return .error(400, "episodes cannot be empty")
        }
        if let badKey = request.episodes.keys.first(where: { Int($0).map { $0 < 1 } ?? true }) {
            return .error(400, "Invalid episode number: \(badKey)")
        }
        guard !request.config.effectiveOutputs.isEmpty else {
            return .error(400, "At least one output must be enabled: require_json, require_xlsx, or require_merge_xlsx.")
        }
        guard webhookURL != nil else {
            return .needsWebhook
        }

        var episodes: [SimulatedTask.Episode] = []
        var invalid: [InvalidAsset] = []
        for key in request.sortedEpisodeKeys {
            let assetID = request.episodes[key] ?? ""
            if let reason = rejection(of: assetID) {
                invalid.append(InvalidAsset(episode: key, assetID: assetID, reason: reason))
            } else if let asset = asset(id: assetID) {
                episodes.append(SimulatedTask.Episode(key: key, asset: asset))
            }
        }
        if !invalid.isEmpty {
            let details = invalid.map { "episode \($0.episode) (\($0.assetID)): \($0.reason)" }.joined(separator: "; ")
            return .error(400, "Invalid assets: \(details)", data: invalid)
        }

        let cost = ScreenplayPricing.taskCostCents(episodeDurations: episodes.map(\.asset.durationSeconds))
        let balance = balance(forKey: apiKey)
        guard cost <= balance else {
            return .error(402, "Insufficient balance: this task costs $\(Self.dollars(cost)), the balance is $\(Self.dollars(balance)). Please recharge and try again.")
        }

        let task = makeTask(apiKey: apiKey, request: request, episodes: episodes, cost: cost)
        tasks[task.id] = task
        taskOrder.append(task.id)
        balances[apiKey] = balance - cost
        ledgerEntries.append(
            LedgerEntry(kind: .submit, taskID: task.id, account: LedgerEntry.maskedKey(apiKey), amountCents: cost, balanceAfterCents: balance - cost)
        )
        logger.info("task submitted", metadata: ["task": "\(task.id)", "episodes": "\(episodes.count)", "cents": "\(cost)"])
        return .ok(
            SubmittedTask(
                taskID: task.id, status: .pending, mode: request.mode, createdAt: Self.iso8601(task.createdAt),
                totalDurationSeconds: (task.totalDurationSeconds * 10).rounded() / 10
            )
        )
    }

    /// `GET /screenplay/tasks/{id}`.
    func status(apiKey: String, taskID: String) -> APIReply {
        guard let task = ownedTask(taskID, apiKey: apiKey) else { return .taskNotFound(taskID) }
        return .ok(task.status(at: now()))
    }

    /// `DELETE /screenplay/tasks/{id}`: only pending or running tasks (documented); no refund.
    func cancel(apiKey: String, taskID: String) -> APIReply {
        guard var task = ownedTask(taskID, apiKey: apiKey) else { return .taskNotFound(taskID) }
        let reading = now()
        let current = task.status(at: reading)
        guard current.status.isCancellable else {
            // Invented message and status.
            return .error(400, "Task cannot be cancelled, current status: \(current.status.rawValue)")
        }
        task.cancelledAt = reading
        task.callbackHandled = true  // No callback on cancel (inferred from the documented callback statuses).
        tasks[taskID] = task
        return .ok(TaskStatus(taskID: taskID, status: .cancelled))
    }

    /// `GET /{asset_id}/metadata`.
    func metadata(assetID: String) -> APIReply {
        if let upload = uploads[assetID] { return .ok(AssetMetadata(total: 1, resource: [uploadMetadata(upload)])) }
        guard let asset = DemoAssets.asset(id: assetID) else { return .assetNotFound }
        let created = Self.snowflakeMilliseconds(assetID).map(String.init) ?? "0"
        let resource = AssetResource(
            assetID: asset.assetID, fileExtension: asset.fileExtension, originalFilename: asset.originalFilename,
            fileSize: String(asset.fileSizeBytes), uploadStatus: asset.uploadStatus, createTime: created, modifyTime: created
        )
        return .ok(AssetMetadata(total: 1, resource: [resource]))
    }

    func ownedTask(_ taskID: String, apiKey: String) -> SimulatedTask? {
        guard let task = tasks[taskID], task.accountKey == apiKey else { return nil }
        return task
    }

    /// Why an asset cannot be used, or nil when it can (documented rules; invented texts).
    func rejection(of assetID: String) -> String? {
        guard let asset = asset(id: assetID) else { return "Asset not found" }
        guard asset.uploadStatus == "SUCCESS" else { return "Asset is not ready (upload_status: \(asset.uploadStatus))" }
        guard asset.kind == .video else { return "Asset is not a video (\(asset.kind.rawValue))" }
        guard asset.durationSeconds < 300 else {
            return "Video is longer than 5 minutes (\(String(format: "%.1f", asset.durationSeconds))s)"
        }
        return nil
    }

    private func makeTask(apiKey: String, request: SubmitTaskRequest, episodes: [SimulatedTask.Episode], cost: Int) -> SimulatedTask {
        let createdAt = Date()
        var id = Self.newTaskID(createdAt)
        while tasks[id] != nil { id = Self.newTaskID(createdAt) }
        var offsets: [Double] = []
        var offset = configuration.pendingSeconds
        for episode in episodes {
            offset += max(configuration.minimumEpisodeSeconds, episode.asset.durationSeconds * configuration.processingRatio)
            offsets.append(offset)
        }
        return SimulatedTask(
            id: id, accountKey: apiKey, request: request, episodes: episodes, createdAt: createdAt, submittedAt: now(),
            pendingSeconds: configuration.pendingSeconds, episodeDoneOffsets: offsets, failure: faults.taskFailure,
            chargedCents: cost,
            callbackRequestID: configuration.callbackTopLevelID == .sameAsTask ? id : Self.randomHex(32)
        )
    }

    /// `ros-sd-YYYYMMDD-xxxxxxxx` (pattern inferred from the documented example).
    static func newTaskID(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = String(format: "%04d%02d%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        return "ros-sd-\(day)-\(randomHex(8))"
    }

    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(generator.next() % 16)] })
    }

    /// Upstream's asset ids are snowflakes with a 2021-01-01 epoch (the documented example's
    /// `create_time` matches to within seconds), so the creation time is in the id.
    static func snowflakeMilliseconds(_ assetID: String) -> Int64? {
        guard assetID.hasPrefix("re_"), let value = UInt64(assetID.dropFirst(3)) else { return nil }
        return Int64(value >> 22) + 1_609_459_200_000
    }

    static func dollars(_ cents: Int) -> String {
        String(format: "%d.%02d", cents / 100, cents % 100)
    }
}
