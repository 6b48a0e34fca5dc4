import Synchronization

/// Ranked search results kept in memory: for each search (its FTS match, which names the
/// organisation and project scope), the ids of the ranked window, best first, and how many
/// matches were seen. Ranking is most of a search's cost (bm25 over up to 2,001 matches, several
/// milliseconds) while turning pages, coming back to the results or a team searching the same
/// name repeats it; with this only the 20 hits of a page are read.
///
/// An entry is trusted only at the organisation's search generation it was ranked at
/// (`searchGeneration`, migration 0017, bumped in the transaction of every change to the
/// organisation's index, by any process), so results never lag the index. Bounded in entries,
/// least recently used out first: 256 entries of at most 2,000 ids are under 4.5 MB.
final class SearchResultsCache: Sendable {
    struct Ranking: Sendable, Equatable {
        /// The organisation's search generation the ranking was read at.
        var generation: Int64
        /// Ranked entry ids, best first (at most `SearchRepository.rankedWindow`).
        var ids: [Int64]
        /// Matches seen, up to one more than the window.
        var seen: Int
    }

    private struct Entry {
        var ranking: Ranking
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    let maximumEntries: Int

    init(maximumEntries: Int = 256) {
        self.maximumEntries = maximumEntries
    }

    /// The ranking of `match` if it was read at `generation`.
    func ranking(for match: String, generation: Int64) -> Ranking? {
        state.withLock { state in
            guard let entry = state.entries[match], entry.ranking.generation == generation else { return nil }
            state.clock += 1
            state.entries[match]?.lastUse = state.clock
            return entry.ranking
        }
    }

    /// Keeps `ranking` unless a ranking from a later generation is already kept (a slower
    /// request that read an older snapshot finishing last).
    func store(_ ranking: Ranking, for match: String) {
        guard maximumEntries > 0 else { return }
        state.withLock { state in
            if let kept = state.entries[match], kept.ranking.generation > ranking.generation { return }
            state.clock += 1
            state.entries[match] = Entry(ranking: ranking, lastUse: state.clock)
            if state.entries.count > maximumEntries,
               let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                state.entries[oldest] = nil
            }
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
