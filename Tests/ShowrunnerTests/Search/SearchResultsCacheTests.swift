import Testing

@testable import Showrunner

/// Kept rankings are trusted only at the generation they were read at, a late reader of an
/// older snapshot never replaces a newer ranking, and the cache stays within its entries.
@Suite struct SearchResultsCacheTests {
    static func ranking(_ generation: Int64, _ ids: [Int64]) -> SearchResultsCache.Ranking {
        .init(generation: generation, ids: ids, seen: ids.count)
    }

    @Test func aRankingIsTrustedOnlyAtItsGeneration() {
        let cache = SearchResultsCache()
        cache.store(Self.ranking(3, [9, 8]), for: "q")
        #expect(cache.ranking(for: "q", generation: 3)?.ids == [9, 8])
        #expect(cache.ranking(for: "q", generation: 4) == nil)
        #expect(cache.ranking(for: "other", generation: 3) == nil)
    }

    @Test func anOlderSnapshotDoesNotReplaceANewerRanking() {
        let cache = SearchResultsCache()
        cache.store(Self.ranking(5, [1]), for: "q")
        cache.store(Self.ranking(4, [2]), for: "q")
        #expect(cache.ranking(for: "q", generation: 5)?.ids == [1])
        cache.store(Self.ranking(6, [3]), for: "q")
        #expect(cache.ranking(for: "q", generation: 6)?.ids == [3])
    }

    @Test func theLeastRecentlyUsedGoesFirst() {
        let cache = SearchResultsCache(maximumEntries: 2)
        cache.store(Self.ranking(1, [1]), for: "a")
        cache.store(Self.ranking(1, [2]), for: "b")
        _ = cache.ranking(for: "a", generation: 1)
        cache.store(Self.ranking(1, [3]), for: "c")
        #expect(cache.count == 2)
        #expect(cache.ranking(for: "b", generation: 1) == nil)
        #expect(cache.ranking(for: "a", generation: 1) != nil)
        #expect(cache.ranking(for: "c", generation: 1) != nil)
        #expect(SearchResultsCache(maximumEntries: 0).count == 0)
    }
}
