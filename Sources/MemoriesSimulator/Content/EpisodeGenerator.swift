import Foundation
import MemoriesClient

/// One episode's generated results.
struct EpisodeContent: Sendable {
    let storyboard: StoryboardFile
    let transcript: TranscriptFile
}

/// Writes one episode's storyboard and transcript from its asset id.
///
/// Structure (cuts, scenes, beats, framing) comes only from the asset id, so the zh-CN and
/// en versions of an episode line up shot for shot; the language only changes the words
/// and the line lengths. Shots last 2–6 s (about 60–150 in five minutes) and a scene runs
/// 13–24 s on average (10–25 scenes in five minutes).
struct EpisodeGenerator: Sendable {
    let cast: DramaCast
    let language: ContentLanguage
    let taskID: String
    let episode: String
    let assetID: String
    let durationSeconds: Double
    let useSubtitle: Bool
    let faceRecognition: Bool

    func generate() -> EpisodeContent {
        var rng = SplitMix64(seedText: "episode:" + assetID)
        let placeholders = Placeholders(cast: cast, language: language)
        let cuts = Self.cutPoints(duration: durationSeconds, rng: &rng)
        let groups = Self.sceneGroups(shotCount: cuts.count - 1, duration: durationSeconds, rng: &rng)
        let beats = rng.shuffled(BeatLibrary.all)
        let hook = rng.pick(BeatLibrary.hooks)

        var scenes: [StoryboardScene] = []
        var lines: [TranscriptLine] = []
        var previousLocation: String?
        for (sceneIndex, shotRange) in groups.enumerated() {
            let beat = beats[sceneIndex % beats.count]
            let isLast = sceneIndex == groups.count - 1
            var writer = SceneWriter(
                cast: cast, language: language, placeholders: placeholders, episode: episode,
                unknownSpeakerRate: faceRecognition ? 0.01 : 0.06
            )
            let scene = writer.write(
                number: sceneIndex + 1,
                beat: beat,
                hook: isLast ? hook : nil,
                cuts: Array(cuts[shotRange.lowerBound...(shotRange.upperBound + 1)]),
                firstShotNumber: shotRange.lowerBound + 1,
                firstLineNumber: lines.count + 1,
                previousLocation: previousLocation,
                rng: &rng
            )
            previousLocation = writer.locationKey
            scenes.append(scene)
            lines.append(contentsOf: writer.lines)
        }
        let storyboard = StoryboardFile(
            taskID: taskID, episode: episode, assetID: assetID, language: language.rawValue,
            durationSeconds: durationSeconds, scenes: scenes
        )
        let transcript = TranscriptFile(
            taskID: taskID, episode: episode, assetID: assetID, language: language.rawValue,
            source: useSubtitle ? .subtitle : .asr, durationSeconds: durationSeconds, lines: lines
        )
        return EpisodeContent(storyboard: storyboard, transcript: transcript)
    }

    /// Shot boundaries from 0 to `duration`, each shot 2–6 s (the last may run to 6 s).
    static func cutPoints(duration: Double, rng: inout SplitMix64) -> [Double] {
        var cuts: [Double] = [0]
        var time = 0.0
        while true {
            let remaining = duration - time
            if remaining <= 6.0 {
                cuts.append(duration)
                return cuts
            }
            var length = rng.double(in: 2.0..<5.2)
            if remaining - length < 2.0 { length = remaining - 2.0 }
            time = rounded(time + length)
            cuts.append(time)
        }
    }

    /// Splits shots 0..<count into consecutive scenes of at least three shots.
    static func sceneGroups(shotCount: Int, duration: Double, rng: inout SplitMix64) -> [ClosedRange<Int>] {
        let target = Int((duration / rng.double(in: 14.0..<22.0)).rounded())
        let sceneCount = max(1, min(target, shotCount / 3))
        var sizes = Array(repeating: 3, count: sceneCount)
        for _ in 0..<(shotCount - 3 * sceneCount) {
            sizes[rng.int(in: 0...(sceneCount - 1))] += 1
        }
        var ranges: [ClosedRange<Int>] = []
        var start = 0
        for size in sizes {
            ranges.append(start...(start + size - 1))
            start += size
        }
        return ranges
    }

    /// Timecodes are kept to the millisecond.
    static func rounded(_ seconds: Double) -> Double {
        (seconds * 1000).rounded() / 1000
    }
}
