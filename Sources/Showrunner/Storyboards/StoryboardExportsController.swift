import Foundation
import GRDB
import Hummingbird
import NIOCore

/// Downloads of an episode's storyboard (`…/episodes/{id}/storyboard.csv`, `.xlsx`,
/// `screenplay.fountain`, `transcript.srt`, `.vtt`) and of a whole drama's current storyboards
/// (`…/dramas/{id}/storyboard.csv`, `.xlsx`, `screenplay.fountain`). Any member of the
/// organisation, viewers included, may download what they may read.
struct StoryboardExportsController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    func addRoutes(to group: RouterGroup<Context>) {
        for export in StoryboardExport.allCases {
            group.get(SiteURL.OrgRoute.storyboardExport(export)) { request, context in
                try await episodeExport(export, request, context)
            }
            if export.coversDrama {
                group.get(SiteURL.OrgRoute.dramaExport(export)) { request, context in
                    try await dramaExport(export, request, context)
                }
            }
        }
    }

    func episodeExport(_ export: StoryboardExport, _ request: Request, _ context: Context) async throws -> Response {
        let service = dependencies.storyboards
        let header = try await service.header(
            organizationId: context.organizationId, episodeId: try context.parameters.require("episode", as: Int64.self),
            runId: try StoryboardsController.runId(request)
        )
        guard let document = try await service.document(for: header, organizationId: context.organizationId) else {
            throw DomainError.notFound
        }
        let body: Data = switch export {
        case .csv: Data(StoryboardCSV.csv(document).utf8)
        case .xlsx: try StoryboardWorkbook.data(document)
        case .fountain: Data(FountainScreenplay.episode(document).utf8)
        case .srt: Data(SubtitleFile.srt(document).utf8)
        case .vtt: Data(SubtitleFile.vtt(document).utf8)
        }
        let name = ExportFileName(dramaTitle: header.dramaTitle, episodeNumber: header.episodeNumber, label: export.label(for: .episode), fileExtension: export.fileExtension)
        await dependencies.audit(
            .exported, context, request, target: ("episode", String(header.episodeId)),
            "Exported the storyboard of \(header.dramaTitle) episode \(header.episodeNumber) (\(export.fileExtension))."
        )
        return Self.download(body, export: export, name: name)
    }

    func dramaExport(_ export: StoryboardExport, _ request: Request, _ context: Context) async throws -> Response {
        let found = try await DramaRepository(database: dependencies.database).require(from: context)
        let documents = try await documents(dramaId: found.drama.id, context: context)
        let body: Data = switch export {
        case .csv: Data(StoryboardCSV.csv(documents).utf8)
        case .xlsx: try StoryboardWorkbook.data(documents)
        case .fountain: Data(FountainScreenplay.drama(documents).utf8)
        case .srt, .vtt: throw DomainError.notFound
        }
        let name = ExportFileName(dramaTitle: found.drama.title, label: export.label(for: .drama), fileExtension: export.fileExtension)
        await dependencies.audit(
            .exported, context, request, target: ("drama", String(found.drama.id)), "Exported the storyboards of \(found.drama.title) (\(export.fileExtension), \(documents.count) episodes)."
        )
        return Self.download(body, export: export, name: name)
    }

    /// The current storyboards of the drama's unarchived episodes, in episode order.
    private func documents(dramaId: Int64, context: Context) async throws -> [StoryboardDocument] {
        let episodes = try await dependencies.database.writer.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT e.id FROM episode e JOIN episodeCurrentRun c ON c.episodeId = e.id
                    WHERE e.dramaId = ? AND e.organizationId = ? AND e.archivedAt IS NULL AND c.runId IS NOT NULL
                    ORDER BY e.number
                    """,
                arguments: [dramaId, context.organizationId]
            )
        }
        let service = dependencies.storyboards
        var documents: [StoryboardDocument] = []
        for episodeId in episodes {
            let header = try await service.header(organizationId: context.organizationId, episodeId: episodeId, runId: nil)
            if let document = try await service.document(for: header, organizationId: context.organizationId) { documents.append(document) }
        }
        return documents
    }

    static func download(_ body: Data, export: StoryboardExport, name: ExportFileName) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: export.contentType, .contentDisposition: name.contentDisposition, .cacheControl: "private, no-store",
                .contentLength: String(body.count),
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
