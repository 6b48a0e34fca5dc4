import Foundation
import MemoriesSimulator
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct XLSXWriterTests {
    @Test func hostileTextStaysWellFormed() throws {
        let sheet = XLSXSheet(
            name: "Ep: 1/2 [draft]*?",
            header: ["Text"],
            rows: [[.text("a < b & \"c\" 'd' \u{0001}\u{0008}\u{000B} 林夏：你好\nsecond line")], [.number(1.5)], [.integer(3)]]
        )
        #expect(sheet.name == "Ep 12 draft")
        let parts = XLSXWriter.parts(for: [sheet])
        for part in parts {
            #expect(XMLParser(data: part.data).parse(), "\(part.path)")
        }
        let worksheet = try #require(parts.first { $0.path == "xl/worksheets/sheet1.xml" })
        let xml = String(decoding: worksheet.data, as: UTF8.self)
        #expect(xml.contains("a &lt; b &amp; &quot;c&quot; &apos;d&apos;  林夏：你好"))
        #expect(xml.contains("<c r=\"A3\"><v>1.5</v></c>"))
        #expect(xml.contains("<c r=\"A4\"><v>3</v></c>"))
        #expect(xml.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\">"))
    }

    @Test func sheetNamesAreShortUniqueAndNeverEmpty() {
        #expect(XLSXSheet.sanitizedName(String(repeating: "x", count: 40)).count == 31)
        #expect(XLSXSheet.sanitizedName("[]:*?/\\") == "Sheet1")
        let parts = XLSXWriter.parts(for: [XLSXSheet(name: "Same", header: [], rows: []), XLSXSheet(name: "same", header: [], rows: [])])
        let workbook = String(decoding: parts.first { $0.path == "xl/workbook.xml" }?.data ?? Data(), as: UTF8.self)
        #expect(workbook.contains("name=\"Same\""))
        #expect(workbook.contains("name=\"same (2)\""))
    }
}
