import Foundation
import GRDB

/// Reads storyboards for pages and the viewer through the run cache: the header is always
/// read fresh (review state, neighbours), the run's content only once.
struct StoryboardService: Sendable {
    let database: AppDatabase
    let cache: StoryboardCache
    let renderer: PageRenderer

    /// `DomainError.notFound` for an episode outside the organisation or a `runId` that is not one of its runs.
    func header(organizationId: Int64, episodeId: Int64, runId: Int64?) async throws -> StoryboardHeader {
        let header = try await database.read { db in
            try StoryboardHeader.fetch(organizationId: organizationId, episodeId: episodeId, runId: runId, in: db)
        }
        guard let header, runId == nil || header.run != nil else { throw DomainError.notFound }
        return header
    }

    /// The header and, when its run has any, the run's comments, in one read.
    func headerAndComments(organizationId: Int64, episodeId: Int64, runId: Int64?) async throws -> (StoryboardHeader, [CommentRepository.Comment]) {
        let found = try await database.read { db -> (StoryboardHeader, [CommentRepository.Comment])? in
            guard let header = try StoryboardHeader.fetch(organizationId: organizationId, episodeId: episodeId, runId: runId, in: db)
            else { return nil }
            guard let run = header.run, header.totalComments > 0 else { return (header, []) }
            return (header, try CommentRepository.comments(organizationId: organizationId, runId: run.id, in: db))
        }
        guard let found, runId == nil || found.0.run != nil else { throw DomainError.notFound }
        return found
    }

    /// The run's document (nil when the header has no run).
    func document(for header: StoryboardHeader, organizationId: Int64) async throws -> StoryboardDocument? {
        guard let run = header.run else { return nil }
        if let cached = cache.document(runId: run.id) { return cached }
        let document = try await StoryboardRepository(database: database)
            .document(organizationId: organizationId, episodeId: header.episodeId, runId: run.id)
        if let document { cache.store(document) }
        return document
    }

    /// The run for the JSON API: snake_case keys, cached like the viewer's JSON.
    func apiJSON(for document: StoryboardDocument) throws -> Data {
        if let cached = cache.apiJSON(runId: document.run.id) { return cached }
        let data = try APIJSON.encoder().encode(StoryboardJSON(document))
        cache.storeAPIJSON(data, runId: document.run.id)
        return data
    }

    func json(for document: StoryboardDocument) throws -> Data {
        if let cached = cache.json(runId: document.run.id) { return cached }
        let data = try StoryboardJSON.encode(document)
        cache.storeJSON(data, runId: document.run.id)
        return data
    }

    /// The transcript's rows for a storyboard page URL (it changes with the organisation's
    /// slug and an explicit `?run=`), cached with the run for the URL last asked for.
    func transcriptHTML(for document: StoryboardDocument, storyboardURL: String) throws -> PrerenderedHTML {
        if let cached = cache.transcriptHTML(runId: document.run.id), cached.storyboardURL == storyboardURL { return cached.html }
        let html = try renderer.renderFragment(TranscriptRowsView(document, storyboardURL: storyboardURL), template: "storyboards/transcript-rows")
        cache.storeTranscriptHTML(html, storyboardURL: storyboardURL, runId: document.run.id)
        return html
    }

    func scenesHTML(for document: StoryboardDocument) throws -> PrerenderedHTML {
        if let cached = cache.scenesHTML(runId: document.run.id) { return cached }
        let html = try renderer.renderFragment(StoryboardScenesView(document), template: "storyboards/scenes")
        cache.storeScenesHTML(html, runId: document.run.id)
        return html
    }
}
