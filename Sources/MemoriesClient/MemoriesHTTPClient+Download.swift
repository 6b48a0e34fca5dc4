import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension MemoriesHTTPClient {
    /// Error bodies are small JSON envelopes; anything bigger is not one.
    static let maxErrorBodyBytes: Int64 = 1 << 20

    public func download(taskID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile {
        let request = makeRequest(
            method: "GET",
            path: "screenplay/tasks/\(try pathSegment(taskID))/download",
            timeout: configuration.downloadTimeout
        )
        return try await download(request, to: destination, maxBytes: maxBytes, expecting: .zip)
    }

    /// `GET /{asset_id}/download`: the asset's file (billed per GB: keep it). Same rules as the
    /// result download: streamed to disk, size-capped, only refusals retried.
    public func downloadAsset(assetID: String, to destination: URL, maxBytes: Int64) async throws -> DownloadedFile {
        let request = makeRequest(
            method: "GET", path: "\(try pathSegment(assetID))/download", timeout: configuration.downloadTimeout
        )
        return try await download(request, to: destination, maxBytes: maxBytes, expecting: .media)
    }

    private func download(_ request: URLRequest, to destination: URL, maxBytes: Int64, expecting kind: DownloadKind) async throws -> DownloadedFile {
        var retry = 0
        while true {
            do {
                return try await downloadOnce(request, to: destination, maxBytes: maxBytes, expecting: kind)
            } catch let error as MemoriesError where Self.isSafeToRetryDownload(error) && retry < configuration.maxRetries {
                try await waitBeforeRetry(retry, after: error, request: request)
                retry += 1
            }
        }
    }

    /// What a download must be: a result zip, or an asset's media file.
    enum DownloadKind {
        case zip, media
    }

    /// Each download may be billed, so only refusals are retried here (rate limits, server
    /// errors that served nothing). A transfer that broke off or timed out may already have
    /// been charged: the caller decides whether to try again, and keeps count.
    static func isSafeToRetryDownload(_ error: MemoriesError) -> Bool {
        switch error {
        case .rateLimited, .serverError: true
        default: false
        }
    }

    /// Streams to a staging file next to `destination` (same volume, so the final move is a
    /// rename), validates it, then moves it into place. Never holds the body in memory.
    func downloadOnce(_ request: URLRequest, to destination: URL, maxBytes: Int64, expecting kind: DownloadKind) async throws -> DownloadedFile {
        try await limiter.acquire()
        let directory = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let staging = directory.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: staging) }

        let outcome = try await UpstreamMetrics.measure(request, base: configuration.baseURL, status: \.status) {
            try await fetch(request, maxBytes: maxBytes, stagingFile: staging)
        }
        let actualBytes = try fileSize(staging)

        guard (200..<300).contains(outcome.status), !Self.isJSON(outcome.contentType) else {
            guard actualBytes <= Self.maxErrorBodyBytes else {
                throw MemoriesError.malformedResponse(reason: "HTTP \(outcome.status) with a \(actualBytes)-byte non-zip body")
            }
            throw ResponseClassifier.error(status: outcome.status, body: try Data(contentsOf: staging))
        }
        switch kind {
        case .zip:
            guard Self.isZip(outcome.contentType) else {
                throw MemoriesError.malformedResponse(reason: "expected application/zip, got \(outcome.contentType ?? "no Content-Type")")
            }
        case .media:
            guard Self.isMedia(outcome.contentType) else {
                throw MemoriesError.malformedResponse(reason: "expected a media file, got \(outcome.contentType ?? "no Content-Type")")
            }
        }
        guard actualBytes <= maxBytes else {
            throw MemoriesError.downloadTooLarge(limitBytes: maxBytes, actualBytes: actualBytes)
        }
        if let declared = outcome.contentLength, declared != actualBytes {
            throw MemoriesError.network(reason: "download ended after \(actualBytes) of \(declared) bytes")
        }
        if kind == .zip { try ZipIntegrity.check(staging) }

        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: staging, to: destination)
        return DownloadedFile(
            url: destination,
            byteCount: actualBytes,
            suggestedFilename: outcome.contentDisposition.flatMap(Self.filename(fromContentDisposition:)),
            contentType: outcome.contentType
        )
    }

    private func fetch(_ request: URLRequest, maxBytes: Int64, stagingFile: URL) async throws -> DownloadOutcome {
        let delegate = DownloadDelegate(maxBytes: maxBytes, stagingFile: stagingFile)
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.requestTimeout.timeInterval
        sessionConfiguration.timeoutIntervalForResource = configuration.downloadTimeout.timeInterval
        // One session per download: its delegate owns this transfer only.
        let session = URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        do {
            return try await delegate.start(session.downloadTask(with: request), in: session)
        } catch let failure as TransportFailure {
            throw failure.asMemoriesError
        }
    }

    private func fileSize(_ url: URL) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func isJSON(_ contentType: String?) -> Bool {
        contentType?.lowercased().contains("json") ?? false
    }

    static func isZip(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.contains("application/zip") || type.contains("application/x-zip") || type.contains("application/octet-stream")
    }

    static func isMedia(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("video/") || type.hasPrefix("audio/") || type.hasPrefix("image/") || type.contains("application/octet-stream")
    }

    /// `attachment; filename="ros-sd-….zip"` → `ros-sd-….zip`.
    static func filename(fromContentDisposition header: String) -> String? {
        for part in header.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("filename=") else { continue }
            let value = trimmed.dropFirst("filename=".count)
            return value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
