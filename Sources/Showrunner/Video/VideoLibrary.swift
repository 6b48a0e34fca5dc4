import Foundation
import Logging
import MemoriesClient

/// Finds the file to play for an episode: the copy kept at upload, or one fetched from
/// upstream's asset download into a size-bounded cache, once (downloads are billed).
///
/// A fetch runs in its own task, so a viewer closing the page does not abandon a billed
/// transfer half way; requests for the same episode wait for the same fetch, and the
/// `videoFetch` lease keeps a second process from starting another.
actor VideoLibrary {
    enum Outcome: Sendable, Equatable {
        case file(URL, contentType: String, byteCount: Int64, assetId: String)
        /// Nothing to play, and why (shown to people).
        case unavailable(String)
        /// Another process is fetching it.
        case busy
    }

    let repository: EpisodeVideoRepository
    let accounts: UpstreamAccounts
    let directory: URL
    let maxFileBytes: Int64
    let cacheBytes: Int64
    let logger: Logger
    /// A failed fetch is not retried for this long (a page view must not cost a download each).
    let retryAfter: TimeInterval
    private let owner = "video-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    private var fetching: [Int64: Task<Outcome, Never>] = [:]

    init(
        repository: EpisodeVideoRepository, accounts: UpstreamAccounts, directory: URL, maxFileBytes: Int64, cacheBytes: Int64,
        retryAfter: TimeInterval = 600, logger: Logger
    ) {
        self.repository = repository
        self.accounts = accounts
        self.directory = directory
        self.maxFileBytes = maxFileBytes
        self.cacheBytes = cacheBytes
        self.retryAfter = retryAfter
        self.logger = logger
    }

    /// The episode's video; nil when the episode is not the organisation's.
    func video(organizationId: Int64, episodeId: Int64) async throws -> Outcome? {
        guard let source = try await repository.source(organizationId: organizationId, episodeId: episodeId) else { return nil }
        if let video = source.video {
            let url = directory.appendingPathComponent(video.fileName)
            if FileManager.default.fileExists(atPath: url.path) {
                // Playback asks in many ranges: the cache order only needs minutes, so most
                // requests write nothing.
                let now = Date()
                if now.timeIntervalSince(video.lastServedAt) > EpisodeVideoRepository.touchInterval {
                    try await repository.touch(episodeId: episodeId, now: now)
                }
                return .file(url, contentType: video.contentType, byteCount: video.byteCount, assetId: source.assetId)
            }
        }
        if let failure = source.failure, let failedAt = source.failedAt, Date().timeIntervalSince(failedAt) < retryAfter {
            return .unavailable(failure)
        }
        if let running = fetching[episodeId] { return await running.value }
        let task = Task { await self.fetch(source) }
        fetching[episodeId] = task
        let outcome = await task.value
        fetching[episodeId] = nil
        return outcome
    }

    private func fetch(_ source: EpisodeVideoRepository.Source) async -> Outcome {
        let now = Date()
        do {
            guard try await repository.claimFetch(source, owner: owner, now: now, expires: now.addingTimeInterval(900)) else { return .busy }
        } catch {
            logger.error("video fetch could not be claimed", metadata: ["episode": "\(source.episodeId)", "error": "\(error)"])
            return .unavailable("The video could not be fetched right now.")
        }
        let fileName = "\(source.episodeId)-\(UUID().uuidString.lowercased()).video"
        let destination = directory.appendingPathComponent(fileName)
        do {
            let account = try await accounts.forNewTask(organizationId: source.organizationId)
            let client = accounts.client(for: account)
            let file = try await client.downloadAsset(assetID: source.assetId, to: destination, maxBytes: maxFileBytes)
            let contentType = Self.playableType(file.contentType)
            let replaced = try await repository.storeFetched(
                source, fileName: fileName, contentType: contentType, byteCount: file.byteCount, owner: owner, now: Date())
            if let replaced { try? FileManager.default.removeItem(at: directory.appendingPathComponent(replaced)) }
            for evicted in try await repository.evictDownloads(over: cacheBytes, keeping: source.episodeId) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(evicted))
            }
            logger.info("episode video fetched", metadata: ["episode": "\(source.episodeId)", "bytes": "\(file.byteCount)"])
            return .file(destination, contentType: contentType, byteCount: file.byteCount, assetId: source.assetId)
        } catch {
            try? FileManager.default.removeItem(at: destination)
            let message = Self.explain(error)
            logger.warning("episode video fetch failed", metadata: ["episode": "\(source.episodeId)", "error": "\(error)"])
            try? await repository.recordFailure(source, message: message, owner: owner, now: Date())
            return .unavailable(message)
        }
    }

    /// Browsers play what they are told is video; upstream's octet-stream is sent as MP4.
    static func playableType(_ contentType: String?) -> String {
        guard let type = contentType?.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              type.hasPrefix("video/")
        else { return "video/mp4" }
        return type
    }

    static func explain(_ error: any Error) -> String {
        guard let error = error as? MemoriesError else { return "The video could not be fetched from memories.ai." }
        switch error {
        case .downloadTooLarge(let limit, _):
            return "The video is larger than this server keeps (\(ByteCountFormatter.string(fromByteCount: limit, countStyle: .file)))."
        default:
            return "memories.ai did not send the video (\(error.description))."
        }
    }
}
