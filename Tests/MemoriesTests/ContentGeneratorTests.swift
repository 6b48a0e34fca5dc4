import Foundation
import MemoriesClient
import MemoriesSimulator
import Testing

/// Generated content is deterministic, sized like real episodes, and written in the task's language.
@Suite struct ContentGeneratorTests {
    static let fiveMinuteEpisodes = DemoAssets.series.flatMap(\.assets).filter { $0.durationSeconds >= 280 }.prefix(6)

    func generate(_ assets: [DemoAsset], language: String, taskID: String = "ros-sd-20260101-00000000") -> GeneratedResults {
        ScreenplayContentGenerator.generate(
            taskID: taskID,
            episodes: assets.enumerated().map { (key: String($0.offset + 1), assetID: $0.element.assetID, durationSeconds: $0.element.durationSeconds) },
            language: language, faceRecognition: true, useSubtitle: false
        )
    }

    @Test func sameAssetGivesTheSameContent() {
        let assets = Array(DemoAssets.series[0].assets.prefix(3))
        let first = generate(assets, language: "zh-CN")
        let second = generate(assets, language: "zh-CN")
        #expect(first.storyboards == second.storyboards)
        #expect(first.transcripts == second.transcripts)
        #expect(first.namelist == second.namelist)
    }

    @Test(arguments: ["zh-CN", "en"])
    func fiveMinuteEpisodesHaveRealisticSizes(language: String) {
        #expect(Self.fiveMinuteEpisodes.count >= 3)
        for asset in Self.fiveMinuteEpisodes {
            let results = generate([asset], language: language)
            let storyboard = results.storyboards[0]
            #expect((10...25).contains(storyboard.scenes.count), "\(asset.assetID): \(storyboard.scenes.count) scenes")
            #expect((60...150).contains(storyboard.shots.count), "\(asset.assetID): \(storyboard.shots.count) shots")
            #expect(storyboard.shots.allSatisfy { $0.duration >= 1.99 && $0.duration <= 6.01 })
            #expect(ResultInvariants.violations(in: storyboard).isEmpty)
            #expect(ResultInvariants.violations(in: results.transcripts[0], against: storyboard).isEmpty)
            #expect(results.transcripts[0].lines.count >= 30)
        }
    }

    @Test func languagesShareStructureButNotWords() throws {
        let asset = try #require(DemoAssets.series[1].assets.first)
        let chinese = generate([asset], language: "zh-CN").storyboards[0]
        let english = generate([asset], language: "en").storyboards[0]
        #expect(chinese.shots.map(\.end) == english.shots.map(\.end))
        #expect(chinese.scenes.map(\.heading.setting) == english.scenes.map(\.heading.setting))
        let chineseHeading = try #require(chinese.scenes.first?.heading.text)
        let englishHeading = try #require(english.scenes.first?.heading.text)
        #expect(chineseHeading.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
        #expect(englishHeading.hasPrefix("INT.") || englishHeading.hasPrefix("EXT."))
        #expect(englishHeading == englishHeading.uppercased())
    }

    @Test func otherLanguagesFallBackToEnglish() {
        let results = generate(Array(DemoAssets.vendorSamples), language: "fr")
        #expect(results.namelist.language == "en")
        #expect(results.storyboards.allSatisfy { $0.language == "en" })
    }

    @Test func castHasAliasesAndIsConsistentAcrossTheTask() throws {
        let assets = Array(DemoAssets.series[0].assets.prefix(4))
        let results = generate(assets, language: "zh-CN")
        let ceo = try #require(results.namelist.characters.first { $0.id == "C02" })
        #expect(ceo.role == .lead)
        #expect(ceo.aliases.contains("总裁"))
        #expect(ceo.aliases.contains { $0.hasSuffix("总") })
        #expect(results.namelist.characters.contains { $0.role == .extra })
        // The same drama gives the same names whichever episodes a task holds.
        let later = generate(Array(DemoAssets.series[0].assets.suffix(2)), language: "zh-CN")
        #expect(later.namelist.characters.first { $0.id == "C02" }?.name == ceo.name)
        for character in results.namelist.characters {
            for appearance in character.appearances {
                #expect(appearance.firstSeen < appearance.lastSeen)
                #expect(appearance.sceneCount >= 1)
            }
        }
    }

    @Test func jsonRoundTripsThroughTheSchemaTypes() throws {
        let results = generate(Array(DemoAssets.vendorSamples), language: "zh-CN")
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let storyboard = try decoder.decode(StoryboardFile.self, from: encoder.encode(results.storyboards[0]))
        let transcript = try decoder.decode(TranscriptFile.self, from: encoder.encode(results.transcripts[0]))
        let namelist = try decoder.decode(NamelistFile.self, from: encoder.encode(results.namelist))
        #expect(storyboard == results.storyboards[0])
        #expect(transcript == results.transcripts[0])
        #expect(namelist == results.namelist)
        // "Unknown speaker" is an explicit null, not a missing key.
        let json = String(decoding: try encoder.encode(results.transcripts[0]), as: UTF8.self)
        #expect(json.contains("\"speaker_id\""))
    }

    /// Found by the soak: a character seen only in a shot was left out of the namelist, and the
    /// app (rightly) refused to ingest a result that names someone it does not list.
    @Test func everyCharacterTheFilesNameIsInTheNamelist() {
        for series in DemoAssets.series {
            for start in stride(from: 0, to: series.assets.count, by: 3) {
                let assets = Array(series.assets[start..<min(start + 3, series.assets.count)])
                let results = generate(assets, language: "en")
                let listed = Set(results.namelist.characters.map(\.id))
                for storyboard in results.storyboards {
                    let named = Set(storyboard.scenes.flatMap { $0.characterIDs + $0.shots.flatMap(\.characterIDs) })
                    #expect(named.isSubset(of: listed), "\(series.key) \(start): \(named.subtracting(listed))")
                }
                for transcript in results.transcripts {
                    let speakers = Set(transcript.lines.compactMap(\.speakerID))
                    #expect(speakers.isSubset(of: listed), "\(series.key) \(start): \(speakers.subtracting(listed))")
                }
            }
        }
    }
}
