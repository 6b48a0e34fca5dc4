import Foundation
import MemoriesClient
import MemoriesSimulator
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The download holds exactly the files the task's flags ask for, in the documented layout,
/// and the JSON and XLSX inside are sound (or broken on purpose when a fault says so).
@Suite struct ResultZipTests {
    func downloadResult(
        _ request: SubmitTaskRequest,
        faults: FaultSwitches = FaultSwitches()
    ) async throws -> URL {
        try await TestSupport.withSimulator(TestSupport.configuration(faults: faults)) { sim in
            let client = sim.client()
            let submitted = try await client.submit(request)
            await sim.simulator.advance(by: 100_000)
            let destination = TestSupport.temporaryDirectory().appendingPathComponent("\(submitted.taskID).zip")
            return try await client.download(taskID: submitted.taskID, to: destination, maxBytes: 100 << 20).url
        }
    }

    @Test func defaultFlagsGiveJSONOnly() async throws {
        let zip = try await downloadResult(Fixtures.request())
        #expect(try ZipInspector.entryNames(zip) == [
            "1_storyboard.json", "1_transcript.json", "2_storyboard.json", "2_transcript.json",
            "3_storyboard.json", "3_transcript.json", "namelist.json",
        ])
    }

    @Test func xlsxFlagsGiveWorkbooksOnly() async throws {
        let zip = try await downloadResult(Fixtures.request(json: false, xlsx: true, merged: true))
        #expect(try ZipInspector.entryNames(zip) == ["1.xlsx", "2.xlsx", "3.xlsx", "merged.xlsx"])
    }

    @Test func mergedOnly() async throws {
        let zip = try await downloadResult(Fixtures.request(json: false, merged: true))
        #expect(try ZipInspector.entryNames(zip) == ["merged.xlsx"])
    }

    @Test func jsonDecodesIntoTheSchemaTypesAndHoldsTheInvariants() async throws {
        let zip = try await downloadResult(Fixtures.request(language: "en"))
        let decoder = JSONDecoder()
        let namelist = try decoder.decode(NamelistFile.self, from: ZipInspector.data("namelist.json", in: zip))
        #expect(namelist.schema == ResultSchema.current)
        #expect(namelist.faceRecognition)
        let castIDs = Set(namelist.characters.map(\.id))
        for episode in ["1", "2", "3"] {
            let storyboard = try decoder.decode(StoryboardFile.self, from: ZipInspector.data("\(episode)_storyboard.json", in: zip))
            let transcript = try decoder.decode(TranscriptFile.self, from: ZipInspector.data("\(episode)_transcript.json", in: zip))
            #expect(storyboard.schema == ResultSchema.current)
            #expect(storyboard.episode == episode)
            #expect(storyboard.language == "en")
            #expect(ResultInvariants.violations(in: storyboard).isEmpty)
            #expect(ResultInvariants.violations(in: transcript, against: storyboard).isEmpty)
            // Every id the episode mentions is in the task's one namelist.
            let mentioned = Set(storyboard.scenes.flatMap(\.characterIDs) + transcript.lines.compactMap(\.speakerID))
            #expect(mentioned.isSubset(of: castIDs))
        }
        #expect(namelist.characters.allSatisfy { $0.faceClusterID != nil && !$0.appearances.isEmpty })
    }

    @Test func workbooksHaveTheOOXMLPartsAndWellFormedXML() async throws {
        let zip = try await downloadResult(Fixtures.request(json: false, xlsx: true))
        let workbook = try ZipInspector.data("1.xlsx", in: zip)
        let archive = try Archive(data: workbook, accessMode: .read)
        let expected: Set<String> = [
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml",
        ]
        #expect(Set(archive.map(\.path)) == expected)
        for part in expected {
            let xml = try ZipInspector.data(part, in: archive)
            #expect(XMLParser(data: xml).parse(), "\(part) is not well-formed XML")
        }
        let sheet = String(decoding: try ZipInspector.data("xl/worksheets/sheet1.xml", in: archive), as: UTF8.self)
        #expect(sheet.contains("集数"))  // zh-CN header
        #expect(sheet.contains("<v>"))  // numbers stored as numbers
    }

    @Test func truncatedZipIsCaughtByTheClient() async throws {
        await #expect {
            _ = try await downloadResult(Fixtures.request(), faults: FaultSwitches(truncateZip: true))
        } throws: { error in
            guard case .malformedResponse(let reason) = error as? MemoriesError else { return false }
            return reason.contains("truncated")
        }
    }

    @Test func malformedJSONInsideTheZipFailsToDecode() async throws {
        let zip = try await downloadResult(Fixtures.request(), faults: FaultSwitches(malformedJSONInZip: true))
        let data = try ZipInspector.data("1_storyboard.json", in: zip)
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(StoryboardFile.self, from: data)
        }
    }
}
