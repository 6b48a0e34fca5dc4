import Foundation
import Hummingbird
import Logging
import MemoriesClient
import NIOCore

/// "Upload episodes" on a drama: the page, the file upload itself (one raw request body per
/// file, streamed to disk), the status the page polls, retry and dismiss.
struct UploadsController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies
    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }
    var uploads: EpisodeUploadRepository { EpisodeUploadRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.episodeUploads, use: page)
        group.post(SiteURL.OrgRoute.episodeUploads, use: receive)
        group.get(SiteURL.OrgRoute.episodeUploadsJSON, use: status)
        group.post(SiteURL.OrgRoute.episodeUpload(.retry), use: retry)
        group.post(SiteURL.OrgRoute.episodeUpload(.dismiss), use: dismiss)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> HTML {
        let found = try await dramas.require(from: context)
        let org = context.slug
        let dramaId = found.drama.id
        let episodes = try await uploads.episodes(organizationId: context.organizationId, dramaId: dramaId)
        let titles = Dictionary(episodes.map { (String($0.number), $0.title) }, uniquingKeysWith: { first, _ in first })
        let episodesJSON = String(decoding: (try? JSONEncoder().encode(titles)) ?? Data("{}".utf8), as: UTF8.self)
        let rows = try await uploads.list(organizationId: context.organizationId, dramaId: dramaId).map { UploadRow($0, org: org) }
        let page = UploadsPage(
            chrome: PageChrome(
                title: "Upload episodes", context: context,
                trail: CatalogTrail.drama(org, found.project, found.drama) + [.init(label: "Upload episodes")]),
            dramaTitle: found.drama.title, canUpload: context.role.isAtLeast(.member),
            uploadURL: SiteURL.episodeUploads(org: org, dramaId: dramaId).path,
            statusURL: SiteURL.episodeUploadsJSON(org: org, dramaId: dramaId).path,
            dramaURL: SiteURL.drama(org: org, id: dramaId).path,
            maxBytes: dependencies.configuration.maxVideoBytes, episodesJSON: episodesJSON, uploads: rows)
        return try dependencies.renderer.render(page, template: "uploads/index")
    }

    /// `POST …/uploads?episode=N&name=FILE`, the file as the raw body (`Content-Length`
    /// required), the CSRF token in `X-CSRF-Token`. Answers JSON: 201 with the queued upload,
    /// or `{"error": {"code", "message"}}`.
    @Sendable func receive(_ request: Request, context: Context) async throws -> Response {
        guard context.role.isAtLeast(.member) else {
            return Self.error(.forbidden, "forbidden", "Viewers cannot upload episodes; ask an admin for the member role.")
        }
        let dramaId = try context.parameters.require("drama", as: Int64.self)
        _ = try await dramas.require(organizationId: context.organizationId, id: dramaId)
        let query = request.uri.queryParameters
        guard let number = query.get("episode").flatMap({ Int($0) }), (1...100_000).contains(number) else {
            return Self.error(.unprocessableContent, "invalid_episode", "Give each file an episode number from 1 to 100000.")
        }
        let name = Self.cleanFilename(query.get("name") ?? "")
        guard !name.isEmpty else { return Self.error(.unprocessableContent, "invalid_name", "The file has no name.") }
        let fileExtension = (name as NSString).pathExtension.lowercased()
        if let refusal = Self.refusal(name: name, fileExtension: fileExtension) {
            return Self.error(.unsupportedMediaType, "not_video", refusal)
        }
        let contentType = MediaFormat.videoContentType(forExtension: fileExtension) ?? "video/mp4"
        let receiver = UploadReceiver(directory: dependencies.configuration.uploadsDirectory, maxBytes: dependencies.configuration.maxVideoBytes)
        let received: (fileName: String, byteCount: Int64)
        do {
            received = try await receiver.receive(
                request.body, declaredLength: request.headers[.contentLength].flatMap { Int64($0) }, fileExtension: fileExtension, context: context)
        } catch let failure as UploadReceiver.Failure {
            switch failure {
            case .lengthRequired:
                return Self.error(.lengthRequired, "length_required", "Send the file with a Content-Length.")
            case .tooLarge(let limit):
                return Self.error(
                    .contentTooLarge, "too_large", "“\(name)” is larger than this server accepts (\(DisplayFormat.bytes(limit))).")
            case .truncated(let received, let expected):
                context.logger.notice("upload interrupted", metadata: ["received": "\(received)", "expected": "\(expected)"])
                return Self.error(.badRequest, "incomplete", "The upload of “\(name)” was interrupted; nothing was kept. Send it again.")
            }
        } catch {
            // The connection dropped mid-body (or the disk refused): the partial file is gone.
            context.logger.notice("upload not received", metadata: ["error": "\(error)"])
            return Self.error(.badRequest, "incomplete", "The upload of “\(name)” was interrupted; nothing was kept. Send it again.")
        }
        let file = dependencies.configuration.uploadsDirectory.appendingPathComponent(received.fileName)
        let duration: Double?
        switch await VideoProbe.probe(file) {
        case .video(let seconds): duration = seconds
        case .unavailable: duration = nil
        case .noVideoTrack:
            try? FileManager.default.removeItem(at: file)
            return Self.error(
                .unsupportedMediaType, "not_video",
                "“\(name)” has no video track. memories.ai extracts screenplays from video only.")
        case .unreadable:
            try? FileManager.default.removeItem(at: file)
            return Self.error(.unsupportedMediaType, "unreadable", "“\(name)” could not be read as a video. Check that it plays.")
        }
        let queued: EpisodeUpload?
        do {
            queued = try await uploads.queue(
                .init(dramaId: dramaId, episodeNumber: number, originalFilename: name, contentType: contentType,
                      fileName: received.fileName, byteCount: received.byteCount, durationSeconds: duration, uploadedBy: context.userId),
                organizationId: context.organizationId)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        guard let queued else {
            // The drama was deleted while the file arrived.
            try? FileManager.default.removeItem(at: file)
            throw DomainError.notFound
        }
        return Self.json(UploadRow(queued, org: context.slug), status: .created)
    }

    /// `GET …/uploads.json[?ids=1,2]`: the uploads the page shows, for its progress bars.
    @Sendable func status(_ request: Request, context: Context) async throws -> Response {
        let dramaId = try context.parameters.require("drama", as: Int64.self)
        _ = try await dramas.require(organizationId: context.organizationId, id: dramaId)
        let ids = (request.uri.queryParameters.get("ids") ?? "").split(separator: ",").compactMap { Int64($0) }
        let found = ids.isEmpty
            ? try await uploads.list(organizationId: context.organizationId, dramaId: dramaId)
            : try await uploads.find(organizationId: context.organizationId, dramaId: dramaId, ids: ids)
        var response = Self.json(found.map { UploadRow($0, org: context.slug) }, status: .ok)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func retry(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let (dramaId, uploadId) = try Self.ids(context)
        guard try await uploads.retry(organizationId: context.organizationId, dramaId: dramaId, id: uploadId) else {
            _ = try await dramas.require(organizationId: context.organizationId, id: dramaId)
            return dependencies.redirect(
                to: .episodeUploads(org: context.slug, dramaId: dramaId), "That upload cannot be retried (it is not failed, or its file is gone).",
                kind: .error)
        }
        return dependencies.redirect(to: .episodeUploads(org: context.slug, dramaId: dramaId), "Sending the file to memories.ai again.")
    }

    @Sendable func dismiss(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let (dramaId, uploadId) = try Self.ids(context)
        guard let file = try await uploads.dismiss(organizationId: context.organizationId, dramaId: dramaId, id: uploadId) else {
            _ = try await dramas.require(organizationId: context.organizationId, id: dramaId)
            return dependencies.redirect(
                to: .episodeUploads(org: context.slug, dramaId: dramaId), "Only finished uploads can be removed from the list.", kind: .error)
        }
        if let file { try? FileManager.default.removeItem(at: dependencies.configuration.uploadsDirectory.appendingPathComponent(file)) }
        return dependencies.redirect(to: .episodeUploads(org: context.slug, dramaId: dramaId), "Removed from the list.")
    }

    static func ids(_ context: Context) throws -> (drama: Int64, upload: Int64) {
        (try context.parameters.require("drama", as: Int64.self), try context.parameters.require("upload", as: Int64.self))
    }

    /// The last path component, without control characters, at most 200 characters.
    static func cleanFilename(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(String.UnicodeScalarView(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        return String(printable.trimmingCharacters(in: .whitespaces).prefix(200))
    }

    /// Why a file is not sent, in words; nil for the video formats upstream accepts.
    static func refusal(name: String, fileExtension: String) -> String? {
        let videos = UploadsPage.acceptedLabel
        if MediaFormat.audioExtensions.contains(fileExtension) {
            return "“\(name)” is an audio file. memories.ai extracts screenplays from video only: upload \(videos)."
        }
        if MediaFormat.imageExtensions.contains(fileExtension) {
            return "“\(name)” is an image. memories.ai extracts screenplays from video only: upload \(videos)."
        }
        if !MediaFormat.videoExtensions.contains(fileExtension) {
            return "“\(name)” is not a video format memories.ai accepts (\(videos))."
        }
        return nil
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("null".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        json(JSONErrorBody(error: .init(code: code, message: message)), status: status)
    }
}
