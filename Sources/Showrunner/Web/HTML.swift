import Hummingbird

/// A rendered HTML page as a response.
public struct HTML: ResponseGenerator, Sendable {
    /// The page as UTF-8.
    public let bytes: [UInt8]
    public var status: HTTPResponse.Status
    /// Where the viewer's own values are in `bytes`, when a compiled template rendered it
    /// (nil: unknown, so `PageCache` does not keep the page).
    public let viewerHoles: [ViewerHole]?

    public init(_ content: String, status: HTTPResponse.Status = .ok) {
        self.bytes = Array(content.utf8)
        self.status = status
        self.viewerHoles = nil
    }

    public init(bytes: [UInt8], status: HTTPResponse.Status = .ok, viewerHoles: [ViewerHole]? = nil) {
        self.bytes = bytes
        self.status = status
        self.viewerHoles = viewerHoles
    }

    public var content: String { String(decoding: bytes, as: UTF8.self) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
