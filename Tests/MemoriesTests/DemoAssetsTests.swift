import Foundation
import MemoriesSimulator
import Testing

@Suite struct DemoAssetsTests {
    @Test func enoughVideoEpisodesForTheDemoSeed() {
        let videos = DemoAssets.series.flatMap(\.assets)
        #expect(videos.count >= 600)
        #expect(DemoAssets.series.count >= 10)
        #expect(videos.allSatisfy { $0.kind == .video && $0.uploadStatus == "SUCCESS" })
        #expect(videos.allSatisfy { (60..<300).contains($0.durationSeconds) })
    }

    @Test func idsLookRealAndAreUnique() {
        let ids = DemoAssets.all.map(\.assetID)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.wholeMatch(of: /re_\d{18}/) != nil })
    }

    /// Seeded databases and the app's tests depend on these ids: they must never change.
    @Test func idsAreFrozen() {
        let videos = DemoAssets.series.flatMap(\.assets)
        #expect(videos.first?.assetID == "re_661204518842229733")
        #expect(videos.count == 642)
        var checksum: UInt64 = 0
        for asset in videos {
            for byte in asset.assetID.utf8 { checksum = (checksum &* 31) &+ UInt64(byte) }
            checksum = (checksum &* 31) &+ UInt64(asset.durationSeconds * 10)
        }
        #expect(checksum == 16_541_899_207_665_841_116)
    }

    @Test func specialAssetsAreKnown() {
        #expect(DemoAssets.asset(id: "re_657739295220518913")?.durationSeconds == 148.7)
        #expect(DemoAssets.asset(id: DemoAssets.audioSample.assetID)?.kind == .audio)
        #expect(DemoAssets.asset(id: DemoAssets.imageSample.assetID)?.kind == .image)
        #expect((DemoAssets.asset(id: DemoAssets.tooLongVideo.assetID)?.durationSeconds ?? 0) > 300)
        #expect(DemoAssets.asset(id: DemoAssets.uploadingVideo.assetID)?.uploadStatus == "UPLOADING")
        #expect(DemoAssets.asset(id: "re_000000000000000000") == nil)
    }
}
