import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Progress of an upload: bytes of the request body sent, of how many.
public typealias UploadProgress = @Sendable (_ sent: Int64, _ total: Int64) -> Void

extension MemoriesHTTPClient {
    /// `POST /upload` (multipart, field `file`), streamed from disk. Returns the new asset id.
    public func uploadAsset(file: URL, filename: String, contentType: String, progress: UploadProgress?) async throws -> String {
        try await uploadRetryingRefusals {
            var request = makeRequest(method: "POST", path: "upload", timeout: configuration.downloadTimeout)
            request.setMultipartBody(try MultipartFileStream(fileURL: file, fileName: filename, contentType: contentType, onProgress: progress))
            return request
        } read: { response in
            try ResponseClassifier.decodePayload(UploadedAsset.self, status: response.status, body: response.body).assetID
        }
    }

    /// `POST /upload/signed-url`: an asset id and where to send its bytes.
    public func signedUpload(originalFilename: String) async throws -> SignedUpload {
        let body: Data
        do {
            body = try JSONEncoder().encode(SignedUploadRequest(originalFilename: originalFilename))
        } catch {
            throw MemoriesError.invalidRequest(message: "could not encode the request: \(error)")
        }
        return try await performWithRetries(makeRequest(method: "POST", path: "upload/signed-url", body: body), decoding: SignedUpload.self)
    }

    /// Sends the bytes to a signed URL: POST multipart with field `file` and no Authorization
    /// header, as the official examples do. Success is any 2xx.
    public func upload(file: URL, filename: String, contentType: String, to signed: SignedUpload, progress: UploadProgress?) async throws {
        try await uploadRetryingRefusals {
            var request = URLRequest(url: signed.signedURL)
            request.timeoutInterval = configuration.downloadTimeout.timeInterval
            request.setMultipartBody(try MultipartFileStream(fileURL: file, fileName: filename, contentType: contentType, onProgress: progress))
            return request
        } read: { response in
            guard (200..<300).contains(response.status) else {
                throw ResponseClassifier.error(status: response.status, body: response.body)
            }
        }
    }

    /// `DELETE /{asset_id}`: irreversible.
    public func deleteAsset(assetID: String) async throws {
        let request = makeRequest(method: "DELETE", path: try pathSegment(assetID))
        try await retryingRetryable(request) {
            let response = try await sendRaw(request)
            try ResponseClassifier.checkSuccess(status: response.status, body: response.body)
        }
    }

    /// Sends an upload built afresh for each attempt (a body stream is read once), retrying
    /// only when refused (429): after the bytes left, a retry could make a second asset.
    private func uploadRetryingRefusals<Result>(
        _ build: () throws -> URLRequest, read: (HTTPResponseData) throws -> Result
    ) async throws -> Result {
        var retry = 0
        while true {
            let request = try build()
            do {
                return try read(try await sendUpload(request))
            } catch let error as MemoriesError where Self.isRefusal(error) && retry < configuration.maxRetries {
                try await waitBeforeRetry(retry, after: error, request: request)
                retry += 1
            }
        }
    }

    static func isRefusal(_ error: MemoriesError) -> Bool {
        if case .rateLimited = error { return true }
        return false
    }

    /// One upload request on its own session, which refuses redirects: FoundationNetworking
    /// drops a streamed body on a redirect, so following one would send an empty file.
    private func sendUpload(_ request: URLRequest) async throws -> HTTPResponseData {
        try await limiter.acquire()
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.requestTimeout.timeInterval
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.urlCache = nil
        let session = URLSession(configuration: sessionConfiguration, delegate: RefuseRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.dataAbandoningOnCancel(for: request)
        } catch {
            let failure = TransportFailure(error).asMemoriesError
            UpstreamMetrics.record(request, base: configuration.baseURL, outcome: UpstreamMetrics.outcome(error: failure))
            throw failure
        }
        UpstreamMetrics.record(
            request, base: configuration.baseURL, outcome: UpstreamMetrics.outcome(status: (response as? HTTPURLResponse)?.statusCode ?? 0))
        guard let http = response as? HTTPURLResponse else { throw MemoriesError.network(reason: "not an HTTP response") }
        if (300..<400).contains(http.statusCode) {
            throw MemoriesError.malformedResponse(reason: "upload answered with a redirect (HTTP \(http.statusCode))")
        }
        return HTTPResponseData(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"), body: data)
    }
}

/// Stops URLSession from following redirects for one request (also used by outgoing webhooks).
public final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    override public init() {}

    public func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
