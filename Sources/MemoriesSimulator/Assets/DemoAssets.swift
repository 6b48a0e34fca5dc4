/// The assets the simulator knows. Everything else answers "Asset not found".
///
/// Generated, but frozen: the ids come from a fixed SplitMix64 seed and a fixed algorithm,
/// and `DemoAssetsTests` pins a checksum of all of them. Never change the seed, the order
/// of the series or the draws below: the app's demo seed and stored databases use these ids.
public enum DemoAssets {
    /// The three ids of the vendor's documented example (total 450.5 s, as in its example response).
    public static let vendorSamples: [DemoAsset] = [
        video("re_657739295220518912", 151.2, "1.mp4", series: "vendor-sample", episode: 1),
        video("re_657739295220518913", 148.7, "2.mp4", series: "vendor-sample", episode: 2),
        video("re_657739295220518914", 150.6, "3.mp4", series: "vendor-sample", episode: 3),
    ]

    /// An audio file: submit rejects it ("not a video").
    public static let audioSample = DemoAsset(
        assetID: "re_660727003963174912", durationSeconds: 184.0, kind: .audio, uploadStatus: "SUCCESS",
        originalFilename: "episode_07_dub.mp3", languageHint: "zh-CN", fileSizeBytes: 2_944_102, seriesKey: nil, episodeNumber: nil
    )
    /// An image: submit rejects it ("not a video").
    public static let imageSample = DemoAsset(
        assetID: "re_660729180626595840", durationSeconds: 0, kind: .image, uploadStatus: "SUCCESS",
        originalFilename: "poster.jpg", languageHint: "zh-CN", fileSizeBytes: 482_117, seriesKey: nil, episodeNumber: nil
    )
    /// A video over the 5-minute limit: submit rejects it.
    public static let tooLongVideo = DemoAsset(
        assetID: "re_660736410386149376", durationSeconds: 312.4, kind: .video, uploadStatus: "SUCCESS",
        originalFilename: "pilot_directors_cut.mp4", languageHint: "zh-CN", fileSizeBytes: 187_440_000, seriesKey: nil, episodeNumber: nil
    )
    /// A video still processing upstream: submit rejects it until it is `SUCCESS` (never, here).
    public static let uploadingVideo = DemoAsset(
        assetID: "re_660740112853291008", durationSeconds: 122.0, kind: .video, uploadStatus: "UPLOADING",
        originalFilename: "ep61_final.mp4", languageHint: "zh-CN", fileSizeBytes: 73_200_000, seriesKey: nil, episodeNumber: nil
    )

    /// The demo dramas (12 series, 650+ episodes of 60–299 s).
    public static let series: [DemoSeries] = makeSeries()

    /// Every known asset: the demo dramas' episodes, the vendor samples and the special cases.
    public static let all: [DemoAsset] = series.flatMap(\.assets) + vendorSamples + [audioSample, imageSample, tooLongVideo, uploadingVideo]

    private static let byID: [String: DemoAsset] = Dictionary(all.map { ($0.assetID, $0) }, uniquingKeysWith: { first, _ in first })

    public static func asset(id: String) -> DemoAsset? { byID[id] }

    // MARK: Generation (frozen)

    private struct SeriesSpec {
        let key: String
        let zh: String
        let en: String
        let slug: String
        let language: String
        let episodes: Int
    }

    private static let specs: [SeriesSpec] = [
        SeriesSpec(key: "contract-bride", zh: "契约娇妻：总裁的秘密", en: "Contract Bride: The CEO's Secret", slug: "contract_bride", language: "zh-CN", episodes: 60),
        SeriesSpec(key: "hidden-heir", zh: "闪婚后，豪门继承人藏不住了", en: "Flash Marriage: The Hidden Heir", slug: "hidden_heir", language: "zh-CN", episodes: 58),
        SeriesSpec(key: "real-heiress", zh: "医院惊变：真千金归来", en: "The Real Heiress Returns", slug: "real_heiress", language: "zh-CN", episodes: 52),
        SeriesSpec(key: "after-divorce", zh: "离婚后，前夫跪求复合", en: "After the Divorce", slug: "after_divorce", language: "zh-CN", episodes: 56),
        SeriesSpec(key: "substitute-bride", zh: "替嫁新娘", en: "The Substitute Bride", slug: "substitute_bride", language: "zh-CN", episodes: 54),
        SeriesSpec(key: "reborn-secretary", zh: "重生之我在总裁身边当秘书", en: "Reborn as the CEO's Secretary", slug: "reborn_secretary", language: "zh-CN", episodes: 50),
        SeriesSpec(key: "daddy-chase", zh: "萌宝助攻：爹地快追妈咪", en: "Daddy, Chase Mommy!", slug: "daddy_chase", language: "zh-CN", episodes: 62),
        SeriesSpec(key: "secret-wife", zh: "千亿总裁的隐婚娇妻", en: "The Billionaire's Secret Wife", slug: "secret_wife", language: "zh-CN", episodes: 55),
        SeriesSpec(key: "genius-doctor", zh: "天才神医下山", en: "The Genius Doctor Comes Down the Mountain", slug: "genius_doctor", language: "zh-CN", episodes: 48),
        SeriesSpec(key: "heiress-revenge", zh: "复仇千金", en: "Revenge of the Heiress", slug: "heiress_revenge", language: "en", episodes: 52),
        SeriesSpec(key: "cold-ceo", zh: "我的冷面总裁", en: "My Cold-Faced CEO", slug: "cold_ceo", language: "en", episodes: 50),
        SeriesSpec(key: "runaway-bride", zh: "落跑新娘", en: "The Runaway Bride", slug: "runaway_bride", language: "en", episodes: 45),
    ]

    private static func makeSeries() -> [DemoSeries] {
        var rng = SplitMix64(seed: 0x5348_4F57_5255_4E31)  // "SHOWRUN1"
        // Snowflake-like ids: increasing, with the gaps an upstream id generator would leave.
        var nextID: UInt64 = 661_204_518_730_006_528
        return specs.map { spec in
            let assets = (1...spec.episodes).map { episode -> DemoAsset in
                nextID += UInt64(rng.int(in: 4_096...2_000_000_000))
                // Most short-drama episodes run 1.5–3 minutes; a few run long or short.
                let duration: Double
                switch rng.int(in: 0...9) {
                case 0: duration = Double(rng.int(in: 600...899)) / 10
                case 1: duration = Double(rng.int(in: 2_000...2_990)) / 10
                default: duration = Double(rng.int(in: 900...1_999)) / 10
                }
                let bitrate = Int64(rng.int(in: 380_000...620_000))  // bytes per second (~3–5 Mbit/s)
                let filename = spec.language == "en"
                    ? "\(spec.slug)_ep\(pad(episode)).mp4"
                    : "\(spec.zh)_第\(episode)集.mp4"
                return DemoAsset(
                    assetID: "re_\(nextID)",
                    durationSeconds: duration,
                    kind: .video,
                    uploadStatus: "SUCCESS",
                    originalFilename: filename,
                    languageHint: spec.language,
                    fileSizeBytes: Int64(duration * Double(bitrate)),
                    seriesKey: spec.key,
                    episodeNumber: episode
                )
            }
            return DemoSeries(key: spec.key, titleZH: spec.zh, titleEN: spec.en, languageHint: spec.language, assets: assets)
        }
    }

    private static func pad(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }

    private static func video(_ id: String, _ duration: Double, _ filename: String, series: String, episode: Int) -> DemoAsset {
        DemoAsset(
            assetID: id, durationSeconds: duration, kind: .video, uploadStatus: "SUCCESS", originalFilename: filename,
            languageHint: "zh-CN", fileSizeBytes: Int64(duration * 480_000), seriesKey: series, episodeNumber: episode
        )
    }
}
