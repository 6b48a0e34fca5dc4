import Foundation
import MemoriesSimulator
import Testing

@testable import Showrunner

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct StoryboardExportTests {
    /// Characters that must never reach an export file.
    static let forbiddenScalars: [Unicode.Scalar] = ["\u{0}", "\u{7}", "\u{1B}", "\u{202E}"]

    static func containsForbidden(_ text: String) -> Bool {
        text.unicodeScalars.contains { forbiddenScalars.contains($0) }
    }

    // MARK: - CSV

    @Test func csvHasBOMHeaderAndOneRowPerShotPlusLooseLines() throws {
        let csv = StoryboardCSV.csv(StoryboardFixtures.english())
        #expect(csv.unicodeScalars.first == "\u{FEFF}")
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        #expect(lines[0] == "Drama,Episode,Scene,Heading,Setting,Location,Time of day,Shot,Size,Angle,Movement,Description,Characters,Dialogue,Start,End,Duration (s),Start (SMPTE 25 fps)")
        #expect(csv.hasSuffix("\r\n"))
        let records = CSV.parse(String(csv.dropFirst()))
        #expect(records.count == 1 + 5 + 1)
        #expect(records.allSatisfy { $0.count == StoryboardCSV.header.count })
        #expect(records.dropFirst().map { $0[1] } == Array(repeating: "3", count: 6))
        #expect(records.dropFirst().map { $0[7] } == ["1", "2", "3", "4", "5", ""])

        let shotTwo = "The CEO's Contract Bride,3,1,INT. CEO OFFICE - NIGHT,INT.,CEO OFFICE,NIGHT,2,MS,low,push in,"
            + "\"Gu Chengze looks up, smirking.\",\"Gu Chengze, Lin Xia\","
            + "\"Gu Chengze (coldly): You have no choice.\nSecretary Li (O.S.): Mr. Gu, the board is here.\","
            + "00:00:03.200,00:00:07.500,4.300,00:00:03:05\r\n"
        #expect(csv.contains(shotTwo))
        let loose = "The CEO's Contract Bride,3,2,EXT. HOSPITAL CORRIDOR - DAY,EXT.,HOSPITAL CORRIDOR,DAY,,,,,,,"
            + "Gu Chengze (shouting): Wait!,00:00:28.500,00:00:29.800,1.300,00:00:28:12\r\n"
        #expect(csv.hasSuffix(loose))
        // Every kind of line, with its speaker or stand-in.
        #expect(records[3][13] == "On screen: See you tomorrow.")
        #expect(records[4][13] == "Lin Xia (V.O.): Three years. I'm finally back.\nNarrator: That night, everything changed.")
        #expect(records[5][13] == "Unknown: Who are you?")
    }

    @Test func csvDramaPutsEveryEpisodeUnderOneHeaderInOrder() {
        let csv = StoryboardCSV.csv(StoryboardFixtures.chineseDrama())
        let records = CSV.parse(String(csv.dropFirst()))
        #expect(records.count == 1 + 12)
        #expect(records.filter { $0[0] == "Drama" }.count == 1)
        #expect(records.dropFirst().map { $0[1] } == Array(repeating: "3", count: 6) + Array(repeating: "4", count: 6))
        #expect(records[1][3] == "内景 总裁办公室 - 夜")
        #expect(records[1][12] == "林夏")
        #expect(records[2][13] == "顾承泽 (冷笑): 你没有选择。\n秘书李 (O.S.): 顾总，董事会的人到了。")
    }

    @Test func csvNeutralisesFormulasAndQuotesHostileText() {
        let csv = StoryboardCSV.csv(StoryboardFixtures.hostile())
        #expect(!Self.containsForbidden(csv))
        let records = CSV.parse(String(csv.dropFirst()))
        // Embedded quotes, commas and newlines did not split or merge records.
        #expect(records.count == 1 + 5 + 1 + 20)
        #expect(records.allSatisfy { $0.count == StoryboardCSV.header.count })
        for field in records.joined() {
            if let first = field.first, "=+-@".contains(first) {
                Issue.record("formula-like cell not neutralised: \(field)")
            }
            #expect(!field.hasPrefix("\t") && !field.hasPrefix("\r") && !field.hasPrefix(" "))
        }
        // Formula-like cells get an apostrophe; tabs, CR/LF, NUL and the RTL override are gone.
        #expect(records[1][5...10] == ["'+cmd", "NIGHT", "1", "'=1+1", "<b>", "{{ x }}"])
        #expect(records[2][8...10] == ["'-2+3", "\"", "javascript:alert(1)"])
        #expect(records[3][8...10] == ["'@SUM(1)", ",", ""])
        #expect(records[4][8...10] == ["'+cmd", "", ""])
        #expect(records[5][8...10] == ["TAB", "'", "'-->"])
        #expect(records[4][3] == "'=HYPERLINK(\"http://x\") #evil# ===")
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\") #evil# ===\","))
        #expect(records[1][12] == "<script>alert(1)</script>")
        #expect(records[2][12] == "'=HYPERLINK(\"http://x\"), <script>alert(1)</script>")
        #expect(records[1][13] == "<script>alert(1)</script> (whispering) INT. FAKE): --> 2 00:00:05,000 --> 00:00:06,000 injected")
        #expect(records[2][13] == "'=HYPERLINK(\"http://x\") (shouting): <script>alert(1)</script> & <b>bold</b>\nINT. FAKE (O.S., [[note]]): ~lyric (parenthetical?) === CUT TO: INT. FAKE - NIGHT")
        #expect(records[3][13] == "On screen: {{ x }} javascript:alert(1)")
        // The whitespace-only narration line is gone; the unknown speaker's key shows without its override.
        #expect(records[4][13] == "<script>alert(1)</script> (V.O., @SUM(1)): =HYPERLINK(\"http://x\")")
        #expect(records[5][13] == "X99> (\"><img src=x onerror=alert(1)>): \"quoted\", comma new line --->")
        #expect(records[6][13] == "'=HYPERLINK(\"http://x\"): NUL[31m ESC evil")
        #expect(records[7][11] == "# section")
        #expect(records[8...].map { $0[11] }.contains("line1 line2"))
    }

    // MARK: - XLSX

    @Test func workbookHasTheRequiredPartsAndNumericCells() throws {
        let data = try StoryboardWorkbook.data(StoryboardFixtures.english())
        let parts = try Workbook(data)
        for required in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"] {
            #expect(parts.names.contains(required), "missing \(required)")
        }
        #expect(parts.names.contains("xl/worksheets/sheet2.xml") == false)
        let workbook = try parts.text("xl/workbook.xml")
        #expect(workbook.contains("<sheet name=\"Storyboard\""))
        let cells = try SheetCells(parts.data("xl/worksheets/sheet1.xml"))
        #expect(cells["A1"] == .init(type: "inlineStr", value: "Drama"))
        #expect(cells["B2"] == .init(type: nil, value: "3"))
        #expect(cells["C2"] == .init(type: nil, value: "1"))
        #expect(cells["H2"] == .init(type: nil, value: "1"))
        #expect(cells["Q2"] == .init(type: nil, value: "3.2"))
        #expect(cells["O2"] == .init(type: "inlineStr", value: "00:00:00.000"))
        #expect(cells["N3"] == .init(type: "inlineStr", value: "Gu Chengze (coldly): You have no choice.\nSecretary Li (O.S.): Mr. Gu, the board is here."))
        // The loose-lines row has no shot number.
        #expect(cells["H7"] == nil)
        #expect(cells["Q7"] == .init(type: nil, value: "1.3"))
    }

    @Test func dramaWorkbookHasAllEpisodesAndTheCast() throws {
        let parts = try Workbook(try StoryboardWorkbook.data(StoryboardFixtures.chineseDrama()))
        let workbook = try parts.text("xl/workbook.xml")
        #expect(workbook.contains("<sheet name=\"Storyboard\"") && workbook.contains("<sheet name=\"Cast\""))
        let storyboard = try SheetCells(parts.data("xl/worksheets/sheet1.xml"))
        #expect(storyboard["B2"]?.value == "3" && storyboard["B13"]?.value == "4" && storyboard["B14"] == nil)
        let cast = try SheetCells(parts.data("xl/worksheets/sheet2.xml"))
        #expect(cast["A2"]?.value == "C01" && cast["B2"]?.value == "林夏" && cast["C3"]?.value == "顾总, 总裁" && cast["D4"]?.value == "extra")
        #expect(cast["A5"] == nil, "two episodes of one task list the cast once")
    }

    @Test func hostileWorkbookIsWellFormedAndWritesNoFormulas() throws {
        let parts = try Workbook(try StoryboardWorkbook.data([StoryboardFixtures.hostile()]))
        let xml = try parts.text("xl/worksheets/sheet1.xml")
        #expect(!xml.contains("<f>") && !xml.contains("<script"))
        #expect(!Self.containsForbidden(xml))
        let cells = try SheetCells(parts.data("xl/worksheets/sheet1.xml"))
        #expect(cells["I2"] == .init(type: "inlineStr", value: "=1+1"))
        #expect(cells["F2"] == .init(type: "inlineStr", value: "+cmd"))
        #expect(cells["M2"]?.value == "<script>alert(1)</script>")
        let cast = try SheetCells(parts.data("xl/worksheets/sheet2.xml"))
        #expect(cast["C2"]?.value == "\"><img src=x onerror=alert(1)>, {{ x }}")
        #expect(cast["B4"]?.value == "INT. FAKE" && cast["D4"]?.value == "extra")
    }

    @Test(.enabled(if: StoryboardExportTests.Python.hasOpenpyxl, "python3 with openpyxl is not installed (pip install --user openpyxl)"))
    func openpyxlReadsTheWorkbooks() throws {
        let episode = try Python.openpyxl(StoryboardWorkbook.data(StoryboardFixtures.english()))
        #expect(episode.sheets == ["Storyboard"])
        let rows = try #require(episode.data["Storyboard"])
        #expect(rows.count == 7)
        #expect(rows[0].map(\.value) == StoryboardCSV.header)
        #expect(rows[1][1] == .init(kind: "int", value: "3", dataType: "n"))
        #expect(rows[1][16] == .init(kind: "float", value: "3.2", dataType: "n"))
        #expect(rows[6][7] == .init(kind: "NoneType", value: "None", dataType: "n"))

        let hostile = try Python.openpyxl(StoryboardWorkbook.data([StoryboardFixtures.hostile()]))
        #expect(hostile.sheets == ["Storyboard", "Cast"])
        let hostileRows = try #require(hostile.data["Storyboard"])
        #expect(hostileRows.count == 1 + 5 + 1 + 20)
        #expect(hostileRows[1][8] == .init(kind: "str", value: "=1+1", dataType: "s"))
        #expect(hostileRows.joined().allSatisfy { $0.dataType != "f" })
    }

    // MARK: - Fountain

    @Test func fountainEnglishEpisode() {
        let expected = """
            Title: The CEO's Contract Bride
            Episode: 3 - The Contract

            INT. CEO OFFICE - NIGHT #1#

            Lin Xia storms into Gu Chengze's office.

            Lin Xia slaps the contract onto the desk.

            LIN XIA
            I won't sign this contract.

            Gu Chengze looks up, smirking.

            GU CHENGZE
            (coldly)
            You have no choice.

            SECRETARY LI (O.S.)
            Mr. Gu, the board is here.

            A phone screen lights up.

            ON SCREEN: See you tomorrow.

            EXT. HOSPITAL CORRIDOR - DAY #2#

            Lin Xia walks the corridor alone.

            Lin Xia walks down the long corridor.

            LIN XIA (V.O.)
            Three years. I'm finally back.

            NARRATOR (V.O.)
            That night, everything changed.

            A stranger blocks her way.

            UNKNOWN
            Who are you?

            GU CHENGZE
            (shouting)
            Wait!

            """
        #expect(FountainScreenplay.episode(StoryboardFixtures.english()) == expected)
    }

    @Test func fountainChineseForcesHeadingsAndCues() {
        let text = FountainScreenplay.episode(StoryboardFixtures.chinese())
        let lines = text.components(separatedBy: "\n")
        #expect(lines.starts(with: ["Title: 总裁的契约新娘", "Episode: 3 - 契约", ""]))
        for expected in [
            ".内景 总裁办公室 - 夜 #1#", ".外景 医院走廊 - 日 #2#", "@林夏", "@顾承泽", "(冷笑)", "@秘书李 (O.S.)",
            "ON SCREEN: 明天见。", "@林夏 (V.O.)", "NARRATOR (V.O.)", "UNKNOWN", "(大喊)",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(text.contains("@顾承泽\n(冷笑)\n你没有选择。\n\n"))
        #expect(FountainLint(text).headings == [".内景 总裁办公室 - 夜 #1#", ".外景 医院走廊 - 日 #2#"])
    }

    @Test func fountainDramaAndTransitions() throws {
        let drama = FountainScreenplay.drama(StoryboardFixtures.chineseDrama())
        #expect(drama.hasPrefix("Title: 总裁的契约新娘\n\n===\n\n# Episode 3: 契约\n\n.内景"))
        #expect(drama.components(separatedBy: "\n===\n").count == 3)
        let third = try #require(drama.range(of: "# Episode 3"))
        let fourth = try #require(drama.range(of: "# Episode 4"))
        #expect(third.lowerBound < fourth.lowerBound)
        #expect(FountainLint(drama).headings.count == 4)

        let withCuts = FountainScreenplay.episode(StoryboardFixtures.english(), transitions: true)
        #expect(withCuts.contains("Who are you?\n\nGU CHENGZE\n(shouting)\nWait!\n") && !withCuts.hasSuffix("CUT TO:\n"))
        #expect(FountainLint(withCuts).transitions == ["CUT TO:"])
    }

    @Test func fountainEdgeCases() {
        var document = StoryboardFixtures.english()
        document.scenes[0].heading = "【内景】办公室 - 夜"
        document.scenes[1].heading = ""
        document.scenes[0].shots[0].description = "...he leaves."
        document.scenes[0].shots[0].lines[0].text = "...I know.\n\n\nStill here."
        document.scenes[0].shots[1].lines[0].delivery = "(coldly)"
        document.characters[1]?.name = "Zoë^"
        let text = FountainScreenplay.episode(document)
        #expect(text.contains("\n\n.1 - 【内景】办公室 - 夜 #1#\n\n"))
        #expect(text.contains("\n\nEXT. HOSPITAL CORRIDOR - DAY #2#\n\n"), "an empty heading is built from its parts")
        #expect(text.contains("\n\n!...he leaves.\n\n"))
        // Non-ASCII names are forced cues; a trailing `^` (dual dialogue) is dropped; `...` in
        // dialogue stays as written; blank lines inside a speech are removed.
        #expect(text.contains("\n\n@ZOË\n...I know.\nStill here.\n\n"))
        #expect(text.contains("\n\n@ZOË (V.O.)\nThree years."))
        #expect(text.contains("\n\nGU CHENGZE\n(coldly)\nYou have no choice.\n\n"))
        #expect(FountainLint(text).headings.count == 2)
    }

    @Test func fountainLintSeesRawStructure() {
        let lint = FountainLint("Title: x\n\nINT. FAKE\n\n.FORCED\n\n...action\n\nCUT TO:\n\n[[note]]\n\n# section\n\n~lyric\n")
        #expect(lint.headings == ["INT. FAKE", ".FORCED"])
        #expect(lint.transitions == ["CUT TO:"])
        #expect(lint.other == ["[[note]]", "# section", "~lyric"])
    }

    @Test func fountainHostileTextCreatesNoStructure() {
        let text = FountainScreenplay.episode(StoryboardFixtures.hostile())
        #expect(!Self.containsForbidden(text))
        let lint = FountainLint(text)
        #expect(lint.headings == [
            "INT. FAKE - NIGHT CUT TO: [\u{200B}[note]\u{200B}] #1#", ".2 - =HYPERLINK(\"http://x\") evil === #2#", "INT. FAKE - NIGHT #3#",
        ])
        #expect(lint.transitions.isEmpty)
        #expect(lint.other.isEmpty, "unexpected structure: \(lint.other)")
        let lines = text.components(separatedBy: "\n")
        for forced in [
            "!INT. FAKE - NIGHT", "!CUT TO:", "!===", "!# section", "!= synopsis", "!~lyric", "!> centered <", "!> CUT TO:",
            "!@SUM(1)", "!!bang", "!.forced heading", "!int. lowercase fake", "!I/E FAKE", "!EST. FAKE", "!FADE TO:",
            "!=HYPERLINK(\"http://x\") INT. FAKE - DAY CUT TO:", "+cmd", "line1 line2", "txt.exe",
            "/\u{200B}* bone *\u{200B}/", "[\u{200B}[\u{200B}[\u{200B}[double]\u{200B}]\u{200B}]\u{200B}]", "{\u{200B}{INCLUDE: /etc/passwd}\u{200B}}",
            "ON SCREEN: {\u{200B}{ x }\u{200B}} javascript:alert(1)",
        ] {
            #expect(lines.contains(forced), "missing \(forced)")
        }
        // Cues forced with `@`; hostile dialogue lines start with a zero-width space.
        #expect(text.contains("\n\n@<SCRIPT>ALERT(1)</SCRIPT>\n(whispering) INT. FAKE)\n-->\n2\n00:00:05,000 --> 00:00:06,000\ninjected\n\n"))
        #expect(text.contains("\n\n@INT. FAKE (O.S.)\n([\u{200B}[note]\u{200B}])\n\u{200B}~lyric\n\u{200B}(parenthetical?)\n\u{200B}===\n\u{200B}CUT TO:\n\u{200B}INT. FAKE - NIGHT\n\n"))
        #expect(text.contains("\n\n@<SCRIPT>ALERT(1)</SCRIPT> (V.O.)\n(@SUM(1))\n\u{200B}=HYPERLINK(\"http://x\")\n\n"))
        #expect(text.contains("\n\n@=HYPERLINK(\"HTTP://X\")\n(shouting)\n<script>alert(1)</script> & <b>bold</b>\n\n"))
        #expect(text.hasSuffix("\n\n@=HYPERLINK(\"HTTP://X\")\nNUL[31m ESC evil\n\nINT. FAKE - NIGHT #3#\n\n!# section\n\n!= synopsis\n\n!~lyric\n\n!> centered <\n\n!> CUT TO:\n\n!@SUM(1)\n\n+cmd\n\n!!bang\n\n!.forced heading\n\n!int. lowercase fake\n\n!I/E FAKE\n\n!EST. FAKE\n\n!FADE TO:\n\n{\u{200B}{INCLUDE: /etc/passwd}\u{200B}}\n\njavascript:alert(1)\n\n<script>alert(1)</script>\n\nline1 line2\n\ntxt.exe\n\n[\u{200B}[\u{200B}[\u{200B}[double]\u{200B}]\u{200B}]\u{200B}]\n\n*\u{200B}/ closes /\u{200B}* opens\n"))
        #expect(text.contains("\n\n@X99>\n(\"><img src=x onerror=alert(1)>)\n\"quoted\", comma\nnew line --->\n\n"))
        #expect(lines.starts(with: ["Title: 总裁的契约 \"新娘\"/\\ <script>alert(1)</script>", "Episode: 7 - {\u{200B}{ x }\u{200B}} [\u{200B}[note]\u{200B}] INT. FAKE", ""]))
        #expect(!text.contains("NARRATOR"), "the whitespace-only narration line is dropped")
    }

    // MARK: - Subtitles

    static let englishCues: [(String, String, String?)] = [
        ("00:00:00,400 --> 00:00:02,900", "I won't sign this contract.", "Lin Xia"),
        ("00:00:03,500 --> 00:00:05,000", "You have no choice.", "Gu Chengze"),
        ("00:00:05,200 --> 00:00:07,000", "Mr. Gu, the board is here.", "Secretary Li"),
        ("00:00:08,000 --> 00:00:10,000", "See you tomorrow.", nil),
        ("00:00:13,000 --> 00:00:16,000", "Three years. I'm finally back.", "Lin Xia"),
        ("00:00:16,500 --> 00:00:19,000", "That night, everything changed.", nil),
        ("00:00:21,000 --> 00:00:21,500", "Who are you?", nil),
        ("00:00:28,500 --> 00:00:29,800", "Wait!", "Gu Chengze"),
    ]

    @Test func srtEnglishEpisode() {
        let expected = Self.englishCues.enumerated().map { index, cue in "\(index + 1)\r\n\(cue.0)\r\n\(cue.1)\r\n\r\n" }.joined()
        #expect(SubtitleFile.srt(StoryboardFixtures.english()) == expected)
        let withSpeakers = SubtitleFile.srt(StoryboardFixtures.english(), speakers: true)
        #expect(withSpeakers.hasPrefix("1\r\n00:00:00,400 --> 00:00:02,900\r\nLin Xia: I won't sign this contract.\r\n\r\n2\r\n"))
        #expect(withSpeakers.contains("\r\nSee you tomorrow.\r\n"))
    }

    @Test func vttEnglishEpisode() {
        let expected = "WEBVTT\n\n" + Self.englishCues.map { cue in
            cue.0.replacingOccurrences(of: ",", with: ".") + "\n" + (cue.2.map { "<v \($0)>" } ?? "") + cue.1 + "\n\n"
        }.joined()
        #expect(SubtitleFile.vtt(StoryboardFixtures.english()) == expected)
        #expect(!SubtitleFile.vtt(StoryboardFixtures.english(), speakers: false).contains("<v "))
        #expect(SubtitleFile.vtt(StoryboardFixtures.chinese()).contains("\n00:00:00.400 --> 00:00:02.900\n<v 林夏>这份合同，我不签。\n\n"))
    }

    @Test func subtitlesFollowTimeEvenWhenTheTranscriptDoesNot() {
        var document = StoryboardFixtures.english()
        document.scenes[1].looseLines[0].start = 1.0
        document.scenes[1].looseLines[0].end = 0.5
        let vtt = SubtitleFile.vtt(document)
        #expect(vtt.hasPrefix("WEBVTT\n\n00:00:00.400 --> 00:00:02.900\n<v Lin Xia>I won't sign this contract.\n\n00:00:01.000 --> 00:00:01.500\n<v Gu Chengze>Wait!\n\n"))
    }

    @Test func srtHostileTextKeepsCueStructure() throws {
        let srt = SubtitleFile.srt(StoryboardFixtures.hostile(), speakers: true)
        #expect(!Self.containsForbidden(srt))
        #expect(srt.hasSuffix("\r\n\r\n"))
        let blocks = srt.dropLast(4).components(separatedBy: "\r\n\r\n")
        #expect(blocks.count == 7, "the whitespace-only line makes no cue")
        for (index, block) in blocks.enumerated() {
            let lines = block.components(separatedBy: "\r\n")
            #expect(lines[0] == String(index + 1))
            let timing = try #require(Self.timing(lines[1], separator: ","))
            #expect(timing.end > timing.start)
            #expect(lines.count >= 3)
            for text in lines.dropFirst(2) {
                #expect(!text.isEmpty && !text.contains("-->") && !text.contains("\r") && !text.contains("\n"))
                #expect(!text.hasPrefix(" ") && !text.hasSuffix(" "))
                // Lenient parsers' cue-boundary shapes: a bare number, a line starting with a timestamp.
                #expect(Int(text) == nil && text.prefixMatch(of: #/[0-9]+[,.:][0-9]+[,.:][0-9]+/#) == nil)
            }
        }
        // Lines shaped like an index or a timing line are led by a zero-width space.
        #expect(blocks[0] == "1\r\n00:00:00,400 --> 00:00:02,900\r\n<script>alert(1)</script>: ->\r\n\u{200B}2\r\n\u{200B}00:00:05,000 -> 00:00:06,000\r\ninjected")
        #expect(blocks[5].hasSuffix("\r\nX99>: \"quoted\", comma\r\nnew line ->"))
        #expect(blocks[5].contains("00:00:21,000 --> 00:00:21,500"))
    }

    @Test func vttHostileTextIsEscapedAndKeepsCueStructure() throws {
        let vtt = SubtitleFile.vtt(StoryboardFixtures.hostile())
        #expect(vtt.hasPrefix("WEBVTT\n\n") && vtt.hasSuffix("\n\n"))
        #expect(!Self.containsForbidden(vtt))
        let blocks = vtt.dropFirst("WEBVTT\n\n".count).dropLast(2).components(separatedBy: "\n\n")
        #expect(blocks.count == 7)
        for block in blocks {
            let lines = block.components(separatedBy: "\n")
            let timing = try #require(Self.timing(lines[0], separator: "."))
            #expect(timing.end > timing.start)
            var text = lines.dropFirst().joined(separator: "\n")
            #expect(!text.isEmpty && !text.contains("-->"))
            if text.hasPrefix("<v "), let close = text.firstIndex(of: ">") {
                let name = text[text.index(text.startIndex, offsetBy: 3)..<close]
                #expect(!name.contains("<") && !name.isEmpty)
                text = String(text[text.index(after: close)...])
            }
            #expect(!text.contains("<") && !text.contains(">"))
            #expect(Self.ampersandsAreEntities(text))
        }
        #expect(blocks[0] == "00:00:00.400 --> 00:00:02.900\n<v &lt;script&gt;alert(1)&lt;/script&gt;>--&gt;\n2\n00:00:05,000 --&gt; 00:00:06,000\ninjected")
        #expect(blocks[1].hasSuffix("\n<v =HYPERLINK(\"http://x\")>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(blocks[5] == "00:00:21.000 --> 00:00:21.500\n<v X99&gt;>\"quoted\", comma\nnew line ---&gt;")
        #expect(blocks[6] == "00:00:28.500 --> 00:00:29.800\n<v =HYPERLINK(\"http://x\")>NUL[31m ESC evil")
    }

    static func timing(_ line: String, separator: Character) -> (start: Int, end: Int)? {
        let parts = line.components(separatedBy: " --> ")
        guard parts.count == 2 else { return nil }
        func milliseconds(_ text: String) -> Int? {
            let pattern = Array(text)
            guard pattern.count == 12, pattern[2] == ":", pattern[5] == ":", pattern[8] == separator,
                let h = Int(String(pattern[0..<2])), let m = Int(String(pattern[3..<5])), let s = Int(String(pattern[6..<8])),
                let ms = Int(String(pattern[9..<12]))
            else { return nil }
            return ((h * 60 + m) * 60 + s) * 1000 + ms
        }
        guard let start = milliseconds(parts[0]), let end = milliseconds(parts[1]) else { return nil }
        return (start, end)
    }

    static func ampersandsAreEntities(_ text: String) -> Bool {
        var rest = Substring(text)
        while let index = rest.firstIndex(of: "&") {
            let tail = rest[index...]
            guard tail.hasPrefix("&amp;") || tail.hasPrefix("&lt;") || tail.hasPrefix("&gt;") else { return false }
            rest = rest[rest.index(after: index)...]
        }
        return true
    }

    // MARK: - File names

    @Test func chineseFileName() {
        let name = ExportFileName(dramaTitle: "总裁的契约新娘", episodeNumber: 3, label: "storyboard", fileExtension: "csv")
        #expect(name.name == "总裁的契约新娘 - EP03 - storyboard.csv")
        #expect(name.asciiFallback == "EP03 - storyboard.csv")
        let encoded = "%E6%80%BB%E8%A3%81%E7%9A%84%E5%A5%91%E7%BA%A6%E6%96%B0%E5%A8%98%20-%20EP03%20-%20storyboard.csv"
        #expect(name.percentEncoded == encoded)
        #expect(name.contentDisposition == "attachment; filename=\"EP03 - storyboard.csv\"; filename*=UTF-8''\(encoded)")
        #expect(name.percentEncoded.removingPercentEncoding == name.name)
    }

    @Test func fileNameStripsBidiControlsAndUnsafeCharacters() {
        let spoof = ExportFileName(dramaTitle: "evil\u{202E}vsc.exe\u{2066}\u{200F}", label: "storyboard", fileExtension: "xlsx")
        #expect(spoof.name == "evilvsc.exe - storyboard.xlsx")
        #expect(!spoof.percentEncoded.contains("%E2%80%AE") && !spoof.contentDisposition.contains("\u{202E}"))

        let hostile = ExportFileName(dramaTitle: StoryboardFixtures.hostile().dramaTitle, episodeNumber: 7, label: "screenplay", fileExtension: "fountain")
        #expect(hostile.name == "总裁的契约 _新娘___ _script_alert(1)__script_ - EP07 - screenplay.fountain")
        #expect(hostile.asciiFallback == "_ _____ _script_alert(1)__script_ - EP07 - screenplay.fountain")
        let header = hostile.contentDisposition
        #expect(header.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F })
        let fallback = header.components(separatedBy: "\"")
        #expect(fallback.count == 3, "the fallback is one quoted-string with no quote inside")
        #expect(!fallback[1].contains("\\") && !fallback[1].contains("/") && !fallback[1].contains("%"))
        let rfc8187 = header.components(separatedBy: "filename*=UTF-8''")[1]
        #expect(rfc8187.allSatisfy { $0.isLetter || $0.isNumber || "!#$&+-.^_`|~%".contains($0) })

        let control = ExportFileName(dramaTitle: "A\u{0}B\nC", episodeNumber: 1, label: "subtitles", fileExtension: "srt")
        #expect(control.name == "AB C - EP01 - subtitles.srt")
    }

    @Test func fileNameIsCappedAndNeverEmpty() {
        let long = ExportFileName(dramaTitle: String(repeating: "长", count: 500), episodeNumber: 120, label: "storyboard", fileExtension: "csv")
        #expect(long.name.hasSuffix("长 - EP120 - storyboard.csv"))
        #expect(long.name.count == ExportFileName.maxStemLength + ".csv".count)
        #expect(long.asciiFallback == "EP120 - storyboard.csv")

        #expect(ExportFileName(dramaTitle: "", label: "storyboard", fileExtension: "xlsx").asciiFallback == "storyboard.xlsx")
        #expect(ExportFileName(dramaTitle: "\u{202E}", label: "", fileExtension: "").name == "export")
        #expect(ExportFileName(dramaTitle: " ..Hidden. ", episodeNumber: 2, label: "storyboard", fileExtension: "CSV").name == "Hidden - EP02 - storyboard.csv")
    }
}

// MARK: - Helpers

extension StoryboardExportTests {
    /// The parts of an XLSX, read back with the app's own strict zip reader.
    struct Workbook {
        let archive: ResultArchive
        var names: [String] { archive.entries.map(\.name) }

        init(_ data: Data) throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).xlsx")
            try data.write(to: url)
            archive = try ResultArchive(contentsOf: url)
            try FileManager.default.removeItem(at: url)
        }

        func data(_ name: String) throws -> Data {
            let entry = try #require(archive.entry(named: name))
            return try archive.contents(of: entry)
        }

        func text(_ name: String) throws -> String {
            String(decoding: try data(name), as: UTF8.self)
        }
    }

    /// Cells of a worksheet by reference (`B2`), parsed with Foundation's XMLParser: the file must
    /// be well-formed XML for this to succeed.
    struct SheetCells {
        struct Cell: Equatable {
            var type: String?
            var value: String
        }

        private(set) var cells: [String: Cell] = [:]

        init(_ data: Data) throws {
            let delegate = Delegate()
            let parser = XMLParser(data: data)
            parser.delegate = delegate
            guard parser.parse() else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "\(parser.parserError.map(String.init(describing:)) ?? "?")"])
            }
            cells = delegate.cells
        }

        subscript(reference: String) -> Cell? { cells[reference] }

        final class Delegate: NSObject, XMLParserDelegate {
            var cells: [String: Cell] = [:]
            var reference: String?
            var type: String?
            var text = ""
            var collecting = false

            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                switch name {
                case "c":
                    reference = attributes["r"]
                    type = attributes["t"]
                    text = ""
                case "v", "t":
                    collecting = true
                default:
                    break
                }
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if collecting { text += string }
            }

            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                switch name {
                case "v", "t":
                    collecting = false
                case "c":
                    if let reference { cells[reference] = Cell(type: type, value: text) }
                    reference = nil
                default:
                    break
                }
            }
        }
    }

    /// What a Fountain parser would see as structure, by the spec's line rules: scene headings and
    /// transitions (with their blank-line context), and any other construct that user text must
    /// never produce (sections, synopses, page breaks, lyrics, centred text, notes, boneyard,
    /// Highland directives). Sections and page breaks the drama export writes itself are allowed.
    struct FountainLint {
        var headings: [String] = []
        var transitions: [String] = []
        var other: [String] = []

        init(_ text: String) {
            let lines = text.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() {
                let blankBefore = index == 0 || lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty
                let blankAfter = index == lines.count - 1 || lines[index + 1].trimmingCharacters(in: .whitespaces).isEmpty
                if ["[[", "]]", "/*", "*/", "{{", "}}"].contains(where: line.contains) { other.append(line) }
                guard !line.hasPrefix("!") else { continue }
                // `.` forces a heading only before a letter or digit (`...` is action).
            let forcedHeading = line.hasPrefix(".") && line.dropFirst().first.map { $0.isLetter || $0.isNumber } == true
            if blankBefore, forcedHeading || FountainScreenplay.startsLikeHeading(line) {
                    headings.append(line)
                } else if blankBefore, blankAfter, line.hasSuffix("TO:"), !line.contains(where: \.isLowercase) {
                    transitions.append(line)
                } else if line == "===" || line.range(of: "^# Episode [0-9]+", options: .regularExpression) != nil {
                    continue
                } else if let first = line.first, "#=~>".contains(first) {
                    other.append(line)
                }
            }
        }
    }

    /// python3 with openpyxl, when the machine has it: the reference reader for XLSX files.
    enum Python {
        struct Cell: Decodable, Equatable {
            var kind: String
            var value: String
            var dataType: String
        }

        struct Workbook: Decodable {
            var sheets: [String]
            var data: [String: [[Cell]]]
        }

        static let hasOpenpyxl: Bool = (try? run(["-c", "import openpyxl"]).status) == 0

        static let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames, "data": {}}
            for ws in wb.worksheets:
                out["data"][ws.title] = [[{"kind": type(c.value).__name__, "value": str(c.value), "dataType": c.data_type} for c in row] for row in ws.iter_rows()]
            print(json.dumps(out, ensure_ascii=False))
            """

        static func openpyxl(_ data: Data) throws -> Workbook {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("openpyxl-\(UUID().uuidString).xlsx")
            try data.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let result = try run(["-c", script, url.path])
            try #require(result.status == 0, "openpyxl failed: \(result.output)")
            return try JSONDecoder().decode(Workbook.self, from: Data(result.output.utf8))
        }

        static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3"] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
    }
}
