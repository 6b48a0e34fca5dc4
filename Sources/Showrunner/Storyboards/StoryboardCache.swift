import Foundation
import Synchronization

/// Runs never change after ingest (a re-ingest writes new run ids), so a run's document,
/// its viewer JSON and its rendered scene list are cached by run id and never invalidated,
/// only evicted, least recently used first. Bounded in bytes (`SHOWRUNNER_STORYBOARD_CACHE_MB`,
/// default 12): the encoded JSON and HTML by their size, a decoded document estimated from
/// its items (scenes + shots + lines, about 300 bytes each), so neither a 1,000-scene stress
/// episode (~11 MB with its page and JSON) nor a long day of reviewing pushes memory without
/// limit. 12 MB holds some 30 typical episodes with page and JSON — the ones a team is
/// reviewing now.
final class StoryboardCache: Sendable {
    /// Estimated bytes of a decoded document per scene, shot and line.
    static let documentBytesPerItem = 300

    struct Entry: Sendable {
        var document: StoryboardDocument
        var json: Data?
        /// The same run as the JSON API writes it (snake_case).
        var apiJSON: Data?
        var scenesHTML: PrerenderedHTML?
        /// The transcript's rows, for the storyboard URL they link to.
        var transcriptHTML: (storyboardURL: String, html: PrerenderedHTML)?
        /// Items of the document (scenes + shots + lines).
        var weight: Int
        var lastUse: UInt64

        var bytes: Int {
            weight * StoryboardCache.documentBytesPerItem + (json?.count ?? 0) + (apiJSON?.count ?? 0)
                + (scenesHTML?.description.utf8.count ?? 0) + (transcriptHTML?.html.description.utf8.count ?? 0)
        }
    }

    private struct State {
        var entries: [Int64: Entry] = [:]
        var totalBytes = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    let maximumBytes: Int

    init(maximumBytes: Int = 12 << 20) {
        self.maximumBytes = maximumBytes
    }

    func document(runId: Int64) -> StoryboardDocument? {
        state.withLock { state in
            state.clock += 1
            state.entries[runId]?.lastUse = state.clock
            return state.entries[runId]?.document
        }
    }

    func json(runId: Int64) -> Data? {
        state.withLock { $0.entries[runId]?.json }
    }

    func apiJSON(runId: Int64) -> Data? {
        state.withLock { $0.entries[runId]?.apiJSON }
    }

    func storeAPIJSON(_ json: Data, runId: Int64) {
        update(runId) { $0.apiJSON = json }
    }

    func scenesHTML(runId: Int64) -> PrerenderedHTML? {
        state.withLock { $0.entries[runId]?.scenesHTML }
    }

    func store(_ document: StoryboardDocument) {
        let weight = 1 + document.scenes.reduce(0) { $0 + 1 + $1.shots.count + $1.looseLines.count + $1.shots.reduce(0) { $0 + $1.lines.count } }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries[document.run.id] { state.totalBytes -= old.bytes }
            let entry = Entry(document: document, json: nil, apiJSON: nil, scenesHTML: nil, transcriptHTML: nil, weight: weight, lastUse: state.clock)
            state.entries[document.run.id] = entry
            state.totalBytes += entry.bytes
            Self.evict(&state, keeping: document.run.id, limit: maximumBytes)
        }
    }

    func storeJSON(_ json: Data, runId: Int64) {
        update(runId) { $0.json = json }
    }

    func transcriptHTML(runId: Int64) -> (storyboardURL: String, html: PrerenderedHTML)? {
        state.withLock { $0.entries[runId]?.transcriptHTML }
    }

    func storeTranscriptHTML(_ html: PrerenderedHTML, storyboardURL: String, runId: Int64) {
        update(runId) { $0.transcriptHTML = (storyboardURL, html) }
    }

    func storeScenesHTML(_ html: PrerenderedHTML, runId: Int64) {
        update(runId) { $0.scenesHTML = html }
    }

    /// Adds an encoding to a cached run, keeping the byte count true (and within the bound).
    private func update(_ runId: Int64, _ change: (inout Entry) -> Void) {
        state.withLock { state in
            guard var entry = state.entries[runId] else { return }
            state.totalBytes -= entry.bytes
            change(&entry)
            state.totalBytes += entry.bytes
            state.entries[runId] = entry
            Self.evict(&state, keeping: runId, limit: maximumBytes)
        }
    }

    /// What the cache holds now, for `/metrics`: runs and their bytes (as bounded).
    var usage: (runs: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.totalBytes) }
    }

    /// Drops least recently used runs until the bytes fit (the newest entry always stays).
    private static func evict(_ state: inout State, keeping runId: Int64, limit: Int) {
        while state.totalBytes > limit, state.entries.count > 1 {
            guard let victim = state.entries.filter({ $0.key != runId }).min(by: { $0.value.lastUse < $1.value.lastUse }) else { return }
            state.totalBytes -= victim.value.bytes
            state.entries[victim.key] = nil
        }
    }
}
