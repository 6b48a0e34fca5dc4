import Foundation
import Logging
import MemoriesClient
import ServiceLifecycle
import Synchronization

/// Sends received episode files on to memories.ai and follows each to its end: the bytes
/// (direct upload, or a signed URL for large files), then the asset's metadata until upstream
/// says SUCCESS or FAILED, then the episode gets its asset id and duration.
///
/// Work is claimed through leases in the database (`UploadQueue`): after a crash or restart
/// the lease runs out and the upload is picked up again, and two processes never send the same
/// file at once. Upstream calls go through the account's client, so they share its 1 request
/// per second with the screenplay calls. Partial and orphaned files in the uploads folder are
/// left to `Retention` (hourly, and `showrunner gc`).
final class UploadForwarder: Service, Sendable {
    struct Settings: Sendable {
        var uploadsDirectory: URL
        var videosDirectory: URL
        /// Keep the received file as the episode's video (no billed download later).
        var keepsVideos: Bool
        /// Files this large or larger go through a signed URL.
        var signedUploadBytes: Int64
        var tick: Duration
        /// The first metadata check after the bytes are sent; later ones back off to 30 s.
        var pollInterval: Duration
        var leaseSeconds: Double
    }

    let queue: UploadQueue
    let uploads: EpisodeUploadRepository
    let accounts: UpstreamAccounts
    let settings: Settings
    let logger: Logger
    let owner = "uploads-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    /// Files sent at once by one process (each may take minutes; metadata checks are quick).
    static let concurrency = 2
    /// Sends before a failure needs a person.
    static let maxSendAttempts = 5
    /// How long upstream may take to process a file before we give up on it.
    static let maxProcessing: TimeInterval = 2 * 3600
    static let maxPollInterval: TimeInterval = 30

    init(queue: UploadQueue, uploads: EpisodeUploadRepository, accounts: UpstreamAccounts, settings: Settings, logger: Logger) {
        self.queue = queue
        self.uploads = uploads
        self.accounts = accounts
        self.settings = settings
        self.logger = logger
    }

    func run() async throws {
        logger.info("upload forwarder started", metadata: ["owner": "\(owner)"])
        await cancelWhenGracefulShutdown {
            await self.loop()
        }
    }

    /// Claims due uploads whenever a slot is free, looking once per tick.
    private func loop() async {
        await withTaskGroup(of: Bool.self) { group in
            var running = 0
            group.addTask { true }
            while let isTick = await group.next() {
                guard isTick else {
                    running -= 1
                    continue
                }
                if Task.isCancelled { break }
                running += await claim(into: &group, free: Self.concurrency - running)
                group.addTask { [tick = settings.tick] in
                    try? await Task.sleep(for: tick)
                    return true
                }
            }
        }
    }

    private func claim(into group: inout TaskGroup<Bool>, free: Int) async -> Int {
        guard free > 0 else { return 0 }
        do {
            let claimed = try await queue.claimDue(owner: owner, leaseSeconds: settings.leaseSeconds, limit: free)
            for upload in claimed {
                group.addTask {
                    await self.work(on: upload)
                    return false
                }
            }
            return claimed.count
        } catch {
            logger.error("could not claim uploads", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// Everything due now, in this task (tests, and a second look after start-up).
    func runOnce() async {
        guard let claimed = try? await queue.claimDue(owner: owner, leaseSeconds: settings.leaseSeconds, limit: 50) else { return }
        for upload in claimed { await work(on: upload) }
    }

    func work(on upload: EpisodeUpload) async {
        do {
            switch upload.status {
            case .queued, .sending: try await send(upload)
            case .processing: try await poll(upload)
            case .done, .failed: try await queue.fail(id: upload.id, owner: owner, reason: upload.failure ?? "Stopped.")
            }
        } catch is LeaseLost {
            logger.notice("upload lease lost", metadata: ["upload": "\(upload.id)"])
            // Renewals failed but the row may still be ours: give it back, or nobody in this
            // process would ever claim it again. Someone else's lease makes this a no-op.
            try? await queue.reschedule(
                id: upload.id, owner: owner, next: Date(), note: nil, requeue: upload.status != .processing)
        } catch is CancellationError {
            // Shutting down: the lease runs out and the next start carries on.
        } catch {
            logger.error("upload work failed", metadata: ["upload": "\(upload.id)", "error": "\(error)"])
            try? await queue.reschedule(
                id: upload.id, owner: owner, next: Date().addingTimeInterval(60), note: "Retrying after an error on our side.", requeue: false)
        }
    }

    // MARK: Sending

    private func send(_ upload: EpisodeUpload) async throws {
        guard let fileName = upload.fileName,
              FileManager.default.fileExists(atPath: settings.uploadsDirectory.appendingPathComponent(fileName).path)
        else {
            try await queue.fail(id: upload.id, owner: owner, reason: "The received file is no longer on the server. Upload it again.")
            return
        }
        let file = settings.uploadsDirectory.appendingPathComponent(fileName)
        let account: UpstreamAccount
        do {
            account = try await accounts.forNewTask(organizationId: upload.organizationId)
        } catch let error as DomainError {
            if case .conflict(let message) = error {
                try await queue.fail(id: upload.id, owner: owner, reason: message)
                return
            }
            throw error
        }
        let client = accounts.client(for: account)
        if try await resumeEarlierSend(upload) { return }
        let method: EpisodeUpload.Method = upload.byteCount >= settings.signedUploadBytes ? .signed : .direct
        try await queue.startSending(id: upload.id, owner: owner, method: method, account: account)
        let attempt = upload.attempts + 1
        let sent = SentBytes()
        do {
            // Every 2 s at most: the renewal also carries the bytes sent, for the progress bar.
            _ = try await LeaseKeeper.run(every: .milliseconds(Int(min(2, max(0.25, settings.leaseSeconds / 4)) * 1000))) { [queue, owner, settings] in
                try await queue.renew(id: upload.id, owner: owner, until: Date().addingTimeInterval(settings.leaseSeconds), sentBytes: sent.value)
            } _: { [queue, owner] in
                let name = Self.upstreamFilename(upload)
                switch method {
                case .direct:
                    let assetId = try await client.uploadAsset(file: file, filename: name, contentType: upload.contentType, progress: sent.record)
                    try await queue.recordAsset(id: upload.id, owner: owner, assetId: assetId)
                    return assetId
                case .signed:
                    let signed = try await client.signedUpload(originalFilename: name)
                    try await queue.recordAsset(id: upload.id, owner: owner, assetId: signed.assetID)
                    try await client.upload(file: file, filename: name, contentType: upload.contentType, to: signed, progress: sent.record)
                    return signed.assetID
                }
            }
            try await queue.markProcessing(
                id: upload.id, owner: owner, byteCount: upload.byteCount, nextPoll: Date().addingTimeInterval(settings.pollInterval.seconds))
            logger.info("upload sent", metadata: ["upload": "\(upload.id)", "method": "\(method.rawValue)", "bytes": "\(upload.byteCount)"])
        } catch let error as MemoriesError {
            let reason = UpstreamMessage.clean(error.description, hiding: account.apiKey)
            if error.isRetryable && attempt < Self.maxSendAttempts {
                try await queue.reschedule(
                    id: upload.id, owner: owner, next: Date().addingTimeInterval(Self.retryDelay(attempt: attempt)),
                    note: "Attempt \(attempt) of \(Self.maxSendAttempts) failed, trying again: \(reason)", requeue: true)
            } else {
                try await queue.fail(id: upload.id, owner: owner, reason: "memories.ai did not take the file: \(reason)")
            }
        }
    }

    /// A signed send that failed or that a restart cut short: the asset exists already. If its
    /// bytes all arrived, go on to processing; otherwise the half-made asset is deleted (best
    /// effort, it would cost storage) and the file is sent afresh. True when it was taken care of.
    private func resumeEarlierSend(_ upload: EpisodeUpload) async throws -> Bool {
        guard upload.method == .signed, let assetId = upload.assetId, let kind = upload.credentialKind,
              let account = try await accounts.forTask(kind: kind, keyId: upload.upstreamKeyId, organizationId: upload.organizationId)
        else { return false }
        let client = accounts.client(for: account)
        if let resource = try? await client.assetMetadata(assetID: assetId).first, resource.uploadStatus == "SUCCESS" || resource.uploadStatus == "UPLOADING" {
            try await queue.markProcessing(id: upload.id, owner: owner, byteCount: upload.byteCount, nextPoll: Date())
            return true
        }
        try? await client.deleteAsset(assetID: assetId)
        return false
    }

    // MARK: Processing

    private func poll(_ upload: EpisodeUpload) async throws {
        guard let assetId = upload.assetId, let kind = upload.credentialKind else {
            try await queue.reschedule(id: upload.id, owner: owner, next: Date(), note: nil, requeue: true)
            return
        }
        guard let account = try await accounts.forTask(kind: kind, keyId: upload.upstreamKeyId, organizationId: upload.organizationId) else {
            try await queue.fail(
                id: upload.id, owner: owner,
                reason: "The memories.ai key this file was uploaded with is gone; the asset belongs to that key. Retry sends it with the current key.")
            return
        }
        let since = upload.processingSince ?? upload.updatedAt
        let elapsed = Date().timeIntervalSince(since)
        if elapsed > Self.maxProcessing {
            try await queue.fail(id: upload.id, owner: owner, reason: "memories.ai had not finished processing the file after 2 hours.")
            return
        }
        let resource: AssetResource?
        do {
            resource = try await accounts.client(for: account).assetMetadata(assetID: assetId).first
        } catch let error as MemoriesError where error.isRetryable {
            try await queue.reschedule(
                id: upload.id, owner: owner, next: Date().addingTimeInterval(Self.maxPollInterval),
                note: "Checking again: \(UpstreamMessage.clean(error.description, hiding: account.apiKey))", requeue: false)
            return
        } catch let error as MemoriesError {
            try await queue.fail(
                id: upload.id, owner: owner,
                reason: "memories.ai did not report on asset \(assetId): \(UpstreamMessage.clean(error.description, hiding: account.apiKey))")
            return
        }
        switch resource?.uploadStatus {
        case "SUCCESS":
            try await finish(upload, assetId: assetId)
        case "FAILED":
            try await queue.fail(
                id: upload.id, owner: owner,
                reason: "memories.ai could not process the file (upload status FAILED). Check that it plays, then retry.")
        default:
            let next = min(max(settings.pollInterval.seconds, elapsed / 4), Self.maxPollInterval)
            try await queue.reschedule(id: upload.id, owner: owner, next: Date().addingTimeInterval(next), note: nil, requeue: false)
        }
    }

    /// The episode gets the asset; the received file becomes its video (or is deleted).
    private func finish(_ upload: EpisodeUpload, assetId: String) async throws {
        let manager = FileManager.default
        var videoFile: String?
        let received = upload.fileName.map { settings.uploadsDirectory.appendingPathComponent($0) }
        if settings.keepsVideos {
            // Named by upload, so a retry after a crash between the move and the commit finds it.
            let name = "upload-\(upload.id).\(Self.fileExtension(upload))"
            let destination = settings.videosDirectory.appendingPathComponent(name)
            if let received, manager.fileExists(atPath: received.path) {
                try manager.createDirectory(at: settings.videosDirectory, withIntermediateDirectories: true)
                try? manager.removeItem(at: destination)
                try manager.moveItem(at: received, to: destination)
            }
            if manager.fileExists(atPath: destination.path) { videoFile = name }
        }
        let completion = try await queue.complete(upload, assetId: assetId, owner: owner, videoFile: videoFile)
        if let replaced = completion.replacedVideo { try? manager.removeItem(at: settings.videosDirectory.appendingPathComponent(replaced)) }
        if !settings.keepsVideos, let received { try? manager.removeItem(at: received) }
        logger.info("episode uploaded", metadata: ["upload": "\(upload.id)", "episode": "\(completion.episodeId)", "asset": "\(assetId)"])
    }

    static func retryDelay(attempt: Int) -> TimeInterval {
        min(30 * pow(2, Double(attempt - 1)), 600)
    }

    static func fileExtension(_ upload: EpisodeUpload) -> String {
        let ext = (upload.originalFilename as NSString).pathExtension.lowercased()
        return MediaFormat.videoExtensions.contains(ext) ? ext : "mp4"
    }

    /// The name upstream stores (it must carry the extension).
    static func upstreamFilename(_ upload: EpisodeUpload) -> String {
        let base = (upload.originalFilename as NSString).deletingPathExtension
        return "\(base.isEmpty ? "episode-\(upload.episodeNumber)" : base).\(fileExtension(upload))"
    }
}

/// Bytes of the request body sent so far, written by URLSession's thread, read by the lease renewal.
final class SentBytes: Sendable {
    private let count = Mutex<Int64?>(nil)

    var value: Int64? { count.withLock { $0 } }

    var record: UploadProgress {
        { [self] sent, _ in count.withLock { $0 = sent } }
    }
}
