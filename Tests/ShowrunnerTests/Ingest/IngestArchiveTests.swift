import Foundation
import Showrunner
import Testing

/// `ResultArchive` refuses unsafe, corrupt and bomb-like zips with a readable, typed reason,
/// and streams workbooks out in bounded chunks.
@Suite struct IngestArchiveTests {
    func openingFailure(_ zip: URL, limits: ArchiveLimits = .default) throws -> ResultArchiveError {
        do {
            _ = try ResultArchive(contentsOf: zip, limits: limits)
        } catch {
            return error
        }
        throw IngestTestFailure("\(zip.lastPathComponent) opened but should have been refused")
    }

    /// Opens fine, but reading `name` must fail.
    func readingFailure(_ zip: URL, entry name: String, limits: ArchiveLimits = .default) throws -> ResultArchiveError {
        let archive = try ResultArchive(contentsOf: zip, limits: limits)
        let entry = try #require(archive.entry(named: name))
        do {
            try archive.readChunks(of: entry) { _ in }
        } catch let error as ResultArchiveError {
            return error
        }
        throw IngestTestFailure("\(name) was read but should have been refused")
    }

    // MARK: Paths and entry types

    @Test(arguments: [
        ("../1_storyboard.json", "\"..\" component"),
        ("episodes/../../namelist.json", "\"..\" component"),
        ("/etc/cron.d/namelist.json", "absolute path"),
        ("..\\..\\namelist.json", "backslash"),
        ("C:/Windows/namelist.json", "drive-letter"),
    ])
    func escapingPathIsRefused(name: String, reason: String) throws {
        let zip = try IngestFixtures.craftedZip([.stored("namelist.json", "{}"), .stored(name, "{}")])
        let error = try openingFailure(zip)
        #expect(error.kind == .unsafeEntry)
        #expect(error.description.contains(name))
        #expect(error.description.contains(reason))
    }

    @Test func symbolicLinkEntryIsRefused() throws {
        let zip = try IngestFixtures.craftedZip([.symlink("1_storyboard.json", target: "/etc/passwd")])
        let error = try openingFailure(zip)
        #expect(error.kind == .unsafeEntry)
        #expect(error.description == "unsafe zip entry \"1_storyboard.json\": symbolic link")
    }

    @Test func duplicateNamesAreRefused() throws {
        let zip = try IngestFixtures.craftedZip([.stored("namelist.json", "{}"), .stored("namelist.json", "[]")])
        let error = try openingFailure(zip)
        #expect(error.kind == .unsafeEntry)
        #expect(error.description.contains("appears twice"))
    }

    @Test func overlappingEntriesAreRefused() throws {
        // The first entry claims to run over the second one's header and data.
        var first = CraftedZip.Entry.stored("a.bin", Data(repeating: 1, count: 100))
        let second = CraftedZip.Entry.stored("b.bin", Data(repeating: 2, count: 100))
        first.declaredCompressedSize = 100 + 30 + 5 + 100
        first.declaredUncompressedSize = first.declaredCompressedSize
        let zip = try IngestFixtures.craftedZip([first, second])
        let error = try openingFailure(zip)
        #expect(error.kind == .unsafeEntry)
        #expect(error.description.contains("overlaps"))
    }

    // MARK: Limits and zip bombs

    @Test func handCraftedDeflateInflatesToZeros() throws {
        // Checks the bomb fixture itself: with permissive limits it is a valid entry.
        let content = Data(count: 300_000)
        let zip = try IngestFixtures.craftedZip([.deflated("zeros.bin", stream: ZeroDeflate.stream(zeroBytes: content.count), content: content)])
        let archive = try ResultArchive(contentsOf: zip, limits: ArchiveLimits(maxCompressionRatio: 1_000))
        let entry = try #require(archive.entry(named: "zeros.bin"))
        var inflated = Data()
        try archive.readChunks(of: entry) { inflated.append($0) }
        #expect(inflated == content)
    }

    @Test func honestZipBombIsRefusedByItsDeclaredRatio() throws {
        let content = Data(count: 8 << 20)
        let zip = try IngestFixtures.craftedZip([
            .deflated("1_storyboard.json", stream: ZeroDeflate.stream(zeroBytes: content.count), content: content)
        ])
        let error = try openingFailure(zip)
        #expect(error.kind == .limitExceeded)
        #expect(error.description.contains("compression ratio above 100:1"))
    }

    @Test func lyingZipBombIsStoppedWhileInflating() throws {
        // The directory claims 1 KB; the stream inflates to 64 MB of zeros.
        var bomb = CraftedZip.Entry.deflated("namelist.json", stream: ZeroDeflate.stream(zeroBytes: 64 << 20), content: Data(count: 1024))
        bomb.declaredUncompressedSize = 1024
        let zip = try IngestFixtures.craftedZip([bomb])
        let archive = try ResultArchive(contentsOf: zip)
        let entry = try #require(archive.entry(named: "namelist.json"))
        #expect(entry.uncompressedSize == 1024)
        var delivered = 0
        var thrown: ResultArchiveError?
        do {
            try archive.readChunks(of: entry) { delivered += $0.count }
        } catch let error as ResultArchiveError {
            thrown = error
        }
        #expect(thrown?.kind == .limitExceeded)
        #expect(thrown?.description.contains("inflates past the 1024 bytes it declares") == true)
        // Stopped at the first chunk that went over, not after inflating everything.
        #expect(delivered <= 1024)
    }

    @Test func harmlessLookingDeclaredSizesDoNotHelpABomb() throws {
        // Declared sizes look harmless (10:1), the real stream is 159:1.
        let content = Data(count: 4 << 20)
        let stream = ZeroDeflate.stream(zeroBytes: content.count)
        var bomb = CraftedZip.Entry.deflated("padding.bin", stream: stream, content: content)
        bomb.declaredUncompressedSize = UInt32(stream.count * 10)
        let zip = try IngestFixtures.craftedZip([bomb])
        let error = try readingFailure(zip, entry: "padding.bin", limits: ArchiveLimits(compressionRatioFloorBytes: 1024))
        #expect(error.kind == .limitExceeded)
        #expect(error.description.contains("inflates"))
    }

    @Test func entryCountLimitIsEnforced() throws {
        let zip = try IngestFixtures.craftedZip((1...5).map { .stored("\($0).txt", "x") })
        let error = try openingFailure(zip, limits: ArchiveLimits(maxEntryCount: 4))
        #expect(error.kind == .limitExceeded)
        #expect(error.description == "the zip has 5 entries; the limit is 4")
    }

    @Test func perEntryAndTotalLimitsAreEnforced() throws {
        let zip = try IngestFixtures.craftedZip([.stored("a.bin", Data(count: 600)), .stored("b.bin", Data(count: 600))])
        #expect(try openingFailure(zip, limits: ArchiveLimits(maxEntryBytes: 500)).kind == .limitExceeded)
        let total = try openingFailure(zip, limits: ArchiveLimits(maxTotalBytes: 1_000))
        #expect(total.kind == .limitExceeded)
        #expect(total.description.contains("in total"))
    }

    // MARK: Corrupt bytes

    @Test func truncatedZipIsRefused() throws {
        let whole = try Data(contentsOf: try IngestFixtures.simulatorZip())
        for length in [whole.count / 2, whole.count - 10, 10, 0] {
            let zip = try IngestFixtures.craftedZip(bytes: whole.prefix(length))
            let error = try openingFailure(zip)
            #expect(error.kind == .corrupt, "\(length) bytes: \(error)")
        }
    }

    @Test func bytesThatAreNotAZipAreRefused() throws {
        let zip = try IngestFixtures.craftedZip(bytes: Data("<html>502 Bad Gateway</html>".utf8))
        let error = try openingFailure(zip)
        #expect(error.kind == .corrupt)
        #expect(error.description.contains("not a zip"))
    }

    @Test(.timeLimit(.minutes(1)))
    func deflateStreamCutShortFailsInsteadOfHanging() throws {
        // ZIPFoundation's own reader would spin forever here: the stream never reaches its end.
        let content = Data(count: 200_000)
        let stream = ZeroDeflate.stream(zeroBytes: content.count)
        let zip = try IngestFixtures.craftedZip([.deflated("1_transcript.json", stream: stream.prefix(stream.count / 2), content: content)])
        let error = try readingFailure(zip, entry: "1_transcript.json")
        #expect(error.kind == .corrupt)
    }

    @Test(.timeLimit(.minutes(1)))
    func storedDeflateBlockRunningPastTheFileFailsInsteadOfHanging() throws {
        // A deflate "stored" block that promises 65,535 bytes and has 100: ZIPFoundation 0.9.20's
        // `extract` spins at 100% CPU on exactly this entry.
        var entry = CraftedZip.Entry.stored("1_storyboard.json", Data([0x00, 0xFF, 0xFF, 0x00, 0x00] + Array(repeating: 0x41, count: 100)))
        entry.method = 8
        entry.declaredUncompressedSize = 65_535
        let error = try readingFailure(try IngestFixtures.craftedZip([entry]), entry: "1_storyboard.json")
        #expect(error.kind == .corrupt)
        #expect(error.description.contains("ends early"))
    }

    @Test func wrongChecksumIsRefused() throws {
        var entry = CraftedZip.Entry.stored("namelist.json", "{\"schema\":\"showrunner-sim/1\"}")
        entry.declaredCRC = 0xDEAD_BEEF
        let error = try readingFailure(try IngestFixtures.craftedZip([entry]), entry: "namelist.json")
        #expect(error.kind == .corrupt)
        #expect(error.description.contains("CRC-32"))
    }

    @Test func missingFileIsUnreadable() throws {
        let error = try openingFailure(IngestFixtures.temporaryDirectory().appendingPathComponent("gone.zip"))
        #expect(error.kind == .unreadable)
    }

    // MARK: ZIP64

    @Test func zip64SizesAndDirectoryAreRead() throws {
        var entries = try IngestFixtures.jsonEntries(IngestFixtures.generated())
        for index in entries.indices { entries[index].zip64Sizes = true }
        let zip = try IngestFixtures.craftedZip(bytes: CraftedZip(entries, zip64Directory: true).bytes())
        let archive = try ResultArchive(contentsOf: zip)
        #expect(archive.entries.map(\.name) == entries.map(\.name))
        let namelist = try #require(archive.entry(named: "namelist.json"))
        #expect(try archive.contents(of: namelist) == entries[entries.count - 1].payload)
    }

    // MARK: Workbooks

    @Test func workbooksAreListedInEpisodeOrder() throws {
        let zip = try IngestFixtures.simulatorZip(outputs: [.json, .workbooks, .mergedWorkbook])
        let archive = try ResultArchive(contentsOf: zip)
        #expect(archive.workbooks.map(\.name) == ["1.xlsx", "2.xlsx", "3.xlsx", "merged.xlsx"])
    }

    @Test func workbookStreamsInBoundedChunksWithTheExactBytes() async throws {
        let zip = try IngestFixtures.simulatorZip(outputs: [.mergedWorkbook])
        let archive = try ResultArchive(contentsOf: zip)
        let entry = try #require(archive.entry(named: "merged.xlsx"))
        var streamed = Data()
        var chunkSizes: [Int] = []
        for try await chunk in try archive.chunks(ofEntryNamed: "merged.xlsx") {
            chunkSizes.append(chunk.count)
            streamed.append(chunk)
        }
        var direct = Data()
        try archive.readChunks(of: entry) { direct.append($0) }
        #expect(streamed.count == Int(entry.uncompressedSize))
        #expect(streamed == direct)
        #expect(streamed.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]), "an xlsx is itself a zip")
        #expect(chunkSizes.allSatisfy { $0 > 0 && $0 <= ArchiveLimits.chunkBytes })
    }

    @Test func largeStoredEntryStreamsInManyChunks() async throws {
        let content = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let zip = try IngestFixtures.craftedZip([.stored("7.xlsx", content)])
        let archive = try ResultArchive(contentsOf: zip)
        var chunks: [Data] = []
        for try await chunk in try archive.chunks(ofEntryNamed: "7.xlsx") { chunks.append(chunk) }
        #expect(chunks.count == 5)
        #expect(chunks.allSatisfy { $0.count <= ArchiveLimits.chunkBytes })
        #expect(Data(chunks.joined()) == content)
    }

    @Test(.timeLimit(.minutes(1)))
    func leavingTheStreamEarlyStopsTheProducer() async throws {
        let content = Data(count: 4 << 20)
        let zip = try IngestFixtures.craftedZip([.deflated("big.xlsx", stream: ZeroDeflate.stream(zeroBytes: content.count), content: content)])
        let archive = try ResultArchive(contentsOf: zip, limits: ArchiveLimits(maxCompressionRatio: 1_000))
        var received = 0
        for try await chunk in try archive.chunks(ofEntryNamed: "big.xlsx") {
            received += chunk.count
            break
        }
        #expect(received == ArchiveLimits.chunkBytes)
        // The archive is still usable afterwards (the abandoned producer released nothing it shares).
        var total = 0
        for try await chunk in try archive.chunks(ofEntryNamed: "big.xlsx") { total += chunk.count }
        #expect(total == content.count)
    }

    @Test func streamingAMissingEntryIsAMissingEntryError() throws {
        let archive = try ResultArchive(contentsOf: try IngestFixtures.simulatorZip())
        var kind: ResultArchiveError.Kind?
        do {
            _ = try archive.chunks(ofEntryNamed: "9.xlsx")
        } catch {
            kind = error.kind
        }
        #expect(kind == .missingEntry)
    }
}
