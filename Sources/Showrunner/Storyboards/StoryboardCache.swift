import Foundation
import Synchronization

/// Runs never change after ingest (a re-ingest writes new run ids), so a run's document,
/// its viewer JSON and its rendered scene list are cached by run id and never invalidated,
/// only evicted, least recently used first. Bounded by a weight (scenes + shots + lines; an
/// item costs about 0.7 KB across document, JSON and HTML), so neither a 1,000-scene stress
/// episode nor a long day of reviewing pushes memory without limit: 12,000 is about 8 MB,
/// some 40 typical episodes — the ones a team is reviewing now.
final class StoryboardCache: Sendable {
    struct Entry: Sendable {
        var document: StoryboardDocument
        var json: Data?
        /// The same run as the JSON API writes it (snake_case).
        var apiJSON: Data?
        var scenesHTML: PrerenderedHTML?
        var weight: Int
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Int64: Entry] = [:]
        var totalWeight = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    let maximumWeight: Int

    init(maximumWeight: Int = 12_000) {
        self.maximumWeight = maximumWeight
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
        state.withLock { $0.entries[runId]?.apiJSON = json }
    }

    func scenesHTML(runId: Int64) -> PrerenderedHTML? {
        state.withLock { $0.entries[runId]?.scenesHTML }
    }

    func store(_ document: StoryboardDocument) {
        let weight = 1 + document.scenes.reduce(0) { $0 + 1 + $1.shots.count + $1.looseLines.count + $1.shots.reduce(0) { $0 + $1.lines.count } }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries[document.run.id] { state.totalWeight -= old.weight }
            state.entries[document.run.id] = Entry(document: document, json: nil, apiJSON: nil, scenesHTML: nil, weight: weight, lastUse: state.clock)
            state.totalWeight += weight
            Self.evict(&state, keeping: document.run.id, limit: maximumWeight)
        }
    }

    func storeJSON(_ json: Data, runId: Int64) {
        state.withLock { $0.entries[runId]?.json = json }
    }

    func storeScenesHTML(_ html: PrerenderedHTML, runId: Int64) {
        state.withLock { $0.entries[runId]?.scenesHTML = html }
    }

    /// Drops least recently used runs until the weight fits (the newest entry always stays).
    private static func evict(_ state: inout State, keeping runId: Int64, limit: Int) {
        while state.totalWeight > limit, state.entries.count > 1 {
            guard let victim = state.entries.filter({ $0.key != runId }).min(by: { $0.value.lastUse < $1.value.lastUse }) else { return }
            state.totalWeight -= victim.value.weight
            state.entries[victim.key] = nil
        }
    }
}
