import Foundation
import Hummingbird
import NIOCore

/// Bulk import of episodes into a drama: paste lines or upload a CSV, preview every row with
/// its problems, then import all of them in one transaction (or none).
struct EpisodeImportController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies
    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }
    var episodes: EpisodeRepository { EpisodeRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.importEpisodes, use: form)
        group.post(SiteURL.OrgRoute.importPreview, use: preview)
        group.post(SiteURL.OrgRoute.importEpisodes, use: confirm)
    }

    @Sendable func form(_ request: Request, context: Context) async throws -> HTML {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        return try page(found, context: context, text: "", result: nil, previewed: false)
    }

    /// Parses the pasted text or the uploaded file and shows what would be imported.
    @Sendable func preview(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let text: String
        do {
            text = try await Self.submittedText(request)
        } catch let problem as ImportInputProblem {
            return try page(found, context: context, text: "", result: nil, previewed: false, inputProblem: problem.message, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let result = try await check(text, dramaId: found.drama.id, organizationId: context.organizationId)
        return try page(found, context: context, text: text, result: result, previewed: true, status: result.isImportable ? .ok : .unprocessableContent)
            .response(from: request, context: context)
    }

    /// Imports the previewed text: checked again (the drama may have changed), then all or nothing.
    @Sendable func confirm(_ request: Request, context: Context) async throws -> Response {
        try context.require(.member)
        let found = try await dramas.require(from: context)
        let dramaId = found.drama.id
        // The previewed text comes back URL-encoded, which can triple its size (CJK text).
        let text = try await FormFields.parse(request, limit: EpisodeImport.maximumBytes * 4).raw("content") ?? ""
        let result = try await check(text, dramaId: dramaId, organizationId: context.organizationId)
        guard result.isImportable else {
            return try page(found, context: context, text: text, result: result, previewed: true, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        do {
            let count = try await episodes.importAll(organizationId: context.organizationId, dramaId: dramaId, drafts: result.drafts)
            return dependencies.redirect(to: .drama(org: context.slug, id: dramaId), "Imported \(count) episodes.")
        } catch let conflict as EpisodeConflict {
            // Another import landed between the check and the write; nothing of this one was saved.
            return try page(
                found, context: context, text: text, result: result, previewed: true,
                inputProblem: conflict.message + " Nothing was imported; preview again.", status: .conflict
            ).response(from: request, context: context)
        }
    }

    func check(_ text: String, dramaId: Int64, organizationId: Int64) async throws -> EpisodeImport {
        let existing = try await episodes.existingKeys(organizationId: organizationId, dramaId: dramaId)
        return EpisodeImport(text: text, existingNumbers: existing.numbers, existingAssets: existing.assets)
    }

    struct ImportInputProblem: Error {
        let message: String
    }

    /// The uploaded file if one was chosen, else the pasted text. Size-limited either way.
    static func submittedText(_ request: Request) async throws -> String {
        var request = request
        let limit = EpisodeImport.maximumBytes + 64 * 1024
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            throw ImportInputProblem(message: "That is more than \(EpisodeImport.maximumBytes / 1024) KB. Split the import into smaller files.")
        }
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            let parts = MultipartForm.parts(of: body, contentType: contentType)
            if let file = parts.first(where: { $0.name == "file" && !($0.filename ?? "").isEmpty && !$0.body.isEmpty }) {
                guard file.body.count <= EpisodeImport.maximumBytes else {
                    throw ImportInputProblem(message: "The file is larger than \(EpisodeImport.maximumBytes / 1024) KB.")
                }
                guard let text = String(data: file.body, encoding: .utf8) else {
                    throw ImportInputProblem(message: "The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")
                }
                return text
            }
            let pasted = parts.first { $0.name == "lines" && $0.filename == nil }.map { String(decoding: $0.body, as: UTF8.self) } ?? ""
            return pasted
        }
        return FormFields(urlEncoded: String(buffer: body)).raw("lines") ?? ""
    }

    func page(
        _ found: DramaRepository.WithProject, context: Context, text: String, result: EpisodeImport?, previewed: Bool,
        inputProblem: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> HTML {
        let org = context.slug
        let dramaId = found.drama.id
        let rows = (result?.rows ?? []).map {
            ImportPage.Row(
                line: $0.line, number: $0.number.map(String.init) ?? $0.numberText, assetId: $0.assetId,
                duration: $0.durationSeconds.map(EpisodeDuration.format) ?? $0.durationText, title: $0.title,
                problems: $0.problems, warnings: $0.warnings
            )
        }
        let page = ImportPage(
            chrome: PageChrome(
                title: "Import episodes", context: context,
                trail: CatalogTrail.drama(org, found.project, found.drama) + [.init(label: "Import episodes")]
            ),
            dramaTitle: found.drama.title, text: text, inputProblem: inputProblem ?? result?.inputProblem, rows: rows,
            problemCount: result?.problemCount ?? 0, importable: result?.isImportable ?? false, previewed: previewed,
            previewURL: SiteURL.importEpisodes(org: org, dramaId: dramaId, step: .preview).path,
            confirmURL: SiteURL.importEpisodes(org: org, dramaId: dramaId).path,
            cancelURL: SiteURL.drama(org: org, id: dramaId).path,
            maximumRows: EpisodeImport.maximumRows, maximumKilobytes: EpisodeImport.maximumBytes / 1024
        )
        return try dependencies.renderer.render(page, template: "dramas/import", status: status)
    }
}
