import Foundation
import Hummingbird

/// `GET /o/:org/episodes/:episode/video`: the episode's footage for the player, with byte
/// ranges (206, `Accept-Ranges`, 416), to members of the organisation only.
struct VideoController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.episodeVideo, use: video)
        group.head(SiteURL.OrgRoute.episodeVideo, use: video)
    }

    @Sendable func video(_ request: Request, context: Context) async throws -> Response {
        let episodeId = try context.parameters.require("episode", as: Int64.self)
        guard let outcome = try await dependencies.videos.video(organizationId: context.organizationId, episodeId: episodeId) else {
            throw DomainError.notFound
        }
        switch outcome {
        case .unavailable(let reason):
            return Response.plainText(.notFound, reason)
        case .busy:
            var response = Response.plainText(.serviceUnavailable, "The video is being fetched; try again in a moment.")
            response.headers[.retryAfter] = "5"
            return response
        case .file(let url, let contentType, let byteCount, let assetId):
            return try await serve(url, contentType: contentType, size: byteCount, assetId: assetId, request: request, context: context)
        }
    }

    private func serve(
        _ url: URL, contentType: String, size: Int64, assetId: String, request: Request, context: Context
    ) async throws -> Response {
        // The file of an asset never changes: the asset id and size make a strong validator.
        let etag = "\"\(assetId)-\(size)\""
        var headers: HTTPFields = [
            .acceptRanges: "bytes", .eTag: etag, .cacheControl: "private, max-age=3600",
        ]
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: headers)
        }
        // If-Range with another validator means the client's part is stale: send it all.
        let rangeHeader = request.headers[.ifRange].map { $0 == etag } ?? true ? request.headers[.range] : nil
        let range = ByteRange(header: rangeHeader, size: size)
        let status: HTTPResponse.Status
        let span: ClosedRange<Int64>?
        switch range {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .whole:
            status = .ok
            span = size > 0 ? 0...(size - 1) : nil
        case .part(let part):
            status = .partialContent
            span = part
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(size)"
        }
        headers[.contentType] = contentType
        headers[.contentLength] = String(span.map { $0.upperBound - $0.lowerBound + 1 } ?? 0)
        guard request.method != .head, let span else { return Response(status: status, headers: headers) }
        let body = try await FileIO().loadFile(
            path: url.path, range: Int(span.lowerBound)...Int(span.upperBound), context: context, chunkLength: 64 * 1024)
        return Response(status: status, headers: headers, body: body)
    }
}
