import Hummingbird
import NIOCore

extension Response {
    /// A short message for a client that is not a browser page (a player, a scraper), never cached.
    static func plainText(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}
