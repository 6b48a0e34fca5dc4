import Foundation
import Testing

@testable import Showrunner

/// The run cache stays within its byte bound, counting the page and JSON it keeps as well as
/// the documents, and drops the least recently used run first.
@Suite struct StoryboardCacheTests {
    static func document(runId: Int64) -> StoryboardDocument {
        var document = StoryboardFixtures.chinese()
        document.run.id = runId
        return document
    }

    @Test func staysWithinItsBytesAndEvictsTheLeastRecentlyUsed() {
        let one = Self.document(runId: 1)
        let probe = StoryboardCache()
        probe.store(one)
        let documentBytes = probe.usage.bytes
        #expect(documentBytes > 0)

        // Room for three documents, not four.
        let cache = StoryboardCache(maximumBytes: documentBytes * 3 + documentBytes / 2)
        for runId in Int64(1)...3 { cache.store(Self.document(runId: runId)) }
        #expect(cache.usage.runs == 3)
        _ = cache.document(runId: 1)  // 2 is now the least recently used
        cache.store(Self.document(runId: 4))
        #expect(cache.usage.runs == 3)
        #expect(cache.document(runId: 2) == nil)
        #expect(cache.document(runId: 1) != nil)
        #expect(cache.usage.bytes <= cache.maximumBytes)

        // A large JSON counts too: storing it pushes older runs out.
        cache.storeJSON(Data(count: documentBytes * 2), runId: 4)
        #expect(cache.usage.bytes <= cache.maximumBytes)
        #expect(cache.json(runId: 4)?.count == documentBytes * 2)
        #expect(cache.usage.runs == 1 || cache.usage.runs == 2)
    }

    @Test func theNewestRunStaysEvenWhenItAloneIsOverTheBound() {
        let cache = StoryboardCache(maximumBytes: 10)
        cache.store(Self.document(runId: 1))
        cache.store(Self.document(runId: 2))
        #expect(cache.usage.runs == 1)
        #expect(cache.document(runId: 2) != nil)
    }
}
