import Hummingbird

/// A rendered HTML page as a response.
public struct HTML: ResponseGenerator, Sendable {
    public let content: String
    public var status: HTTPResponse.Status

    public init(_ content: String, status: HTTPResponse.Status = .ok) {
        self.content = content
        self.status = status
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let buffer = ByteBuffer(string: content)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: buffer)
        )
    }
}
