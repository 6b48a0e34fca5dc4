import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `multipart/form-data` body with one file field, read from disk as libcurl asks for it:
/// prefix (memory) + the file (1 MiB reads) + suffix (memory). A 1 GiB upload grows the
/// process by under 12 MB (measured; see docs/streaming-uploads.md).
///
/// How swift-corelibs-foundation (6.3) uses it: `open()` once, then on its serial work queue
/// `hasBytesAvailable` and a blocking `read` per 64 KiB; false or 0 is the end of the body, a
/// negative count aborts the transfer. It never calls `close()`, so the file is closed at the
/// end, on error and in `deinit`. The state is behind a lock because reads hop threads.
final class MultipartFileStream: InputStream {
    let boundary: String
    let contentLength: Int64
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    private let fileURL: URL
    private let fileSize: Int64
    private let prefix: [UInt8]
    private let suffix: [UInt8]
    private let chunkSize = 1 << 20
    private let onProgress: (@Sendable (_ sent: Int64, _ total: Int64) -> Void)?
    private let lock = NSLock()
    private var status: Stream.Status = .notOpen
    private var failure: (any Error)?
    private var handle: FileHandle?
    private var chunk: [UInt8] = []
    private var chunkPosition = 0
    private var produced: Int64 = 0
    private var fileRead: Int64 = 0

    init(
        fileURL: URL, fieldName: String = "file", fileName: String, contentType: String,
        onProgress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: fileURL.path)
        guard let size = (attributes[.size] as? NSNumber)?.int64Value else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
        let boundary = "ShowrunnerBoundary\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        // Quotes and line breaks cannot be escaped in a multipart header: drop them.
        let safeName = fileName.filter { $0 != "\"" && $0 != "\\" && !$0.isNewline }
        self.prefix = Array((
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fieldName)\"; filename=\"\(safeName)\"\r\n"
                + "Content-Type: \(contentType)\r\n\r\n"
        ).utf8)
        self.suffix = Array("\r\n--\(boundary)--\r\n".utf8)
        self.boundary = boundary
        self.fileURL = fileURL
        self.fileSize = size
        self.onProgress = onProgress
        self.contentLength = Int64(prefix.count) + size + Int64(suffix.count)
        // corelibs' InputStream has no plain init().
        super.init(data: Data())
    }

    deinit { try? handle?.close() }

    override func open() {
        lock.lock()
        defer { lock.unlock() }
        guard status == .notOpen else { return }
        do {
            handle = try FileHandle(forReadingFrom: fileURL)
            status = .open
        } catch {
            failure = error
            status = .error
        }
    }

    override func close() {
        lock.lock()
        defer { lock.unlock() }
        try? handle?.close()
        handle = nil
        chunk = []
        if status != .error { status = .closed }
    }

    override var streamStatus: Stream.Status { lock.withLock { status } }
    override var streamError: (any Error)? { lock.withLock { failure } }
    override var hasBytesAvailable: Bool { lock.withLock { status == .open && produced < contentLength } }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        lock.lock()
        guard status == .open, length > 0 else {
            let ended = status == .atEnd || length == 0
            lock.unlock()
            return ended ? 0 : -1
        }
        var written = 0
        func copy(_ source: UnsafeRawBufferPointer, from offset: Int) -> Int {
            let count = min(length - written, source.count - offset)
            guard count > 0, let base = source.baseAddress else { return 0 }
            UnsafeMutableRawPointer(buffer + written).copyMemory(from: base + offset, byteCount: count)
            written += count
            return count
        }
        do {
            let prefixLength = Int64(prefix.count)
            let suffixStart = prefixLength + fileSize
            if produced < prefixLength {
                _ = prefix.withUnsafeBytes { copy($0, from: Int(produced)) }
            }
            while written < length, produced + Int64(written) < suffixStart {
                if chunkPosition == chunk.count {
                    let wanted = Int(min(Int64(chunkSize), fileSize - fileRead))
                    guard let data = try handle?.read(upToCount: wanted), !data.isEmpty else {
                        throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the file shrank while it was sent"])
                    }
                    chunk = Array(data)
                    chunkPosition = 0
                    fileRead += Int64(data.count)
                }
                chunkPosition += chunk.withUnsafeBytes { copy($0, from: chunkPosition) }
            }
            if fileRead == fileSize, chunkPosition == chunk.count, handle != nil {
                try? handle?.close()
                handle = nil
                chunk = []
                chunkPosition = 0
            }
            if written < length, produced + Int64(written) >= suffixStart {
                _ = suffix.withUnsafeBytes { copy($0, from: Int(produced + Int64(written) - suffixStart)) }
            }
        } catch {
            failure = error
            status = .error
            try? handle?.close()
            handle = nil
            lock.unlock()
            return -1
        }
        produced += Int64(written)
        if produced == contentLength { status = .atEnd }
        let sent = produced
        lock.unlock()
        onProgress?(sent, contentLength)
        return written
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, length: UnsafeMutablePointer<Int>) -> Bool { false }
    override func property(forKey key: Stream.PropertyKey) -> AnyObject? { nil }
    override func setProperty(_ property: AnyObject?, forKey key: Stream.PropertyKey) -> Bool { false }
    override func schedule(in aRunLoop: RunLoop, forMode mode: RunLoop.Mode) {}
    override func remove(from aRunLoop: RunLoop, forMode mode: RunLoop.Mode) {}
}

extension URLRequest {
    /// A POST of `stream` with its exact length. FoundationNetworking gives libcurl an unknown
    /// length for any stream, so libcurl would add `Transfer-Encoding: chunked` beside the
    /// Content-Length (invalid HTTP); a whitespace-only Transfer-Encoding stops that and is
    /// not sent.
    mutating func setMultipartBody(_ stream: MultipartFileStream) {
        httpMethod = "POST"
        httpBodyStream = stream
        setValue(stream.contentType, forHTTPHeaderField: "Content-Type")
        setValue(String(stream.contentLength), forHTTPHeaderField: "Content-Length")
        #if !canImport(Darwin)
        setValue(" ", forHTTPHeaderField: "Transfer-Encoding")
        #endif
    }
}
