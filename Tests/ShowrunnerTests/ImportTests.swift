import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Showrunner
import Testing

@Suite struct ImportTests {
    func setUp(_ browser: Browser) async throws -> Int64 {
        try await Accounts.signUp(browser, email: "pm@example.com", organization: "Studio")
        let project = try await CatalogSteps.project(browser, org: "studio")
        return try await CatalogSteps.drama(browser, org: "studio", project: project)
    }

    func episodeCount(_ database: AppDatabase) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM episode") ?? -1 }
    }

    @Test func previewShowsEveryRowWithItsProblem() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 1, asset: CatalogSteps.asset(1))
            let text = """
                1 \(CatalogSteps.asset(9)) 95 Taken number
                2 re_12 100 Bad asset
                3 \(CatalogSteps.asset(3)) soon Bad duration?
                3\t\(CatalogSteps.asset(4))\tabc\tBad duration
                4 \(CatalogSteps.asset(1)) 80 Taken asset
                5 \(CatalogSteps.asset(5)) 5:30 Too long but allowed
                # a comment line
                """
            let preview = try await browser.post("/o/studio/dramas/\(drama)/import/preview", form: [("lines", text)])
            #expect(preview.status == .unprocessableContent)
            let html = preview.text
            #expect(html.contains("Episode 1 already exists in this drama."))
            #expect(html.contains("re_12 is not an asset id"))
            #expect(html.contains("Episode 3 appears more than once (lines 3, 4)."))
            #expect(html.contains("Duration &quot;abc&quot; is not a duration"))
            #expect(html.contains("is already episode 1 of this drama."))
            #expect(html.contains("Longer than 5 minutes"))
            #expect(html.contains("Preview: 6 rows, 5 with problems"))
            #expect(!html.contains("Import 6 episodes"), "no confirm button while rows have problems")
        }
        #expect(try await episodeCount(database) == 1)
    }

    @Test func oneBadRowSavesNothing() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            // Posting straight to the confirm step (skipping the preview) is checked the same way.
            let text = "1 \(CatalogSteps.asset(1)) 60 Good\n2 \(CatalogSteps.asset(2)) 60 Good\n3 not-an-asset 60 Bad"
            let response = try await browser.post("/o/studio/dramas/\(drama)/import", form: [("content", text)])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("not-an-asset is not an asset id"))
        }
        #expect(try await episodeCount(database) == 0)
    }

    @Test func goodImportSavesEveryRowInOneGo() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            let text = "1 \(CatalogSteps.asset(1)) 312.5 The contract\n2\t\(CatalogSteps.asset(2))\t1:52\tWedding night\n3 \(CatalogSteps.asset(3)) Untimed episode"
            let response = try await CatalogSteps.importLines(browser, org: "studio", drama: drama, text)
            #expect(response.status == .seeOther)
            #expect(try await browser.get(response.location ?? "").text.contains("Imported 3 episodes."))
        }
        let rows = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT number, title, durationSeconds FROM episode ORDER BY number")
        }
        #expect(rows.map { $0["title"] as String } == ["The contract", "Wedding night", "Untimed episode"])
        #expect(rows.map { $0["durationSeconds"] as Double? } == [312.5, 112, nil])
    }

    @Test func csvUploadWithHeaderRowIsImported() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            let csv = "\u{FEFF}number,title,asset_id,duration_seconds,notes\r\n1,\"Hello, world\",\(CatalogSteps.asset(1)),61,\r\n2,\"She said \"\"no\"\"\",\(CatalogSteps.asset(2)),,\"multi\nline\"\r\n"
            let response = try await uploadPreview(browser, drama: drama, filename: "episodes.csv", file: csv)
            #expect(response.status == .ok)
            #expect(response.text.contains("Preview: 2 rows"))
            let content = try #require(hiddenContent(response.text))
            let confirmed = try await browser.post("/o/studio/dramas/\(drama)/import", form: [("content", content)])
            #expect(confirmed.status == .seeOther)
        }
        let titles = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT title FROM episode ORDER BY number") }
        #expect(titles == ["Hello, world", "She said \"no\""])
    }

    @Test func oversizedUploadIsRefused() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            let line = "1,\(CatalogSteps.asset(1)),60,\(String(repeating: "x", count: 100))\n"
            let big = "number,asset_id,duration,title\n" + String(repeating: line, count: 11_000)
            let response = try await uploadPreview(browser, drama: drama, filename: "big.csv", file: big)
            #expect(response.status == .unprocessableContent || response.status == .contentTooLarge)
            #expect(response.status == .contentTooLarge || response.text.contains("larger than 1024 KB") || response.text.contains("more than 1024 KB"))
        }
        #expect(try await episodeCount(database) == 0)
    }

    @Test func exportedCSVImportsIntoAnotherDrama() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            let text = "1 \(CatalogSteps.asset(1)) 95.5 第一集 契约\n2 \(CatalogSteps.asset(2)) 112 Comma, \"quoted\""
            #expect(try await CatalogSteps.importLines(browser, org: "studio", drama: drama, text).status == .seeOther)
            let export = try await browser.get("/o/studio/dramas/\(drama)/episodes.csv", accept: "text/csv")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(export.text.hasPrefix("\u{FEFF}number,title,asset_id,duration_seconds,notes"))
            #expect(export.text.contains("\"Comma, \"\"quoted\"\"\""))

            let project = try await CatalogSteps.project(browser, org: "studio", name: "Copy")
            let copy = try await CatalogSteps.drama(browser, org: "studio", project: project, title: "Copy")
            #expect(try await CatalogSteps.importLines(browser, org: "studio", drama: copy, export.text).status == .seeOther)
        }
        let pairs = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT title, durationSeconds FROM episode ORDER BY dramaId, number").map { "\($0["title"] as String)|\($0["durationSeconds"] as Double)" }
        }
        #expect(pairs == ["第一集 契约|95.5", "Comma, \"quoted\"|112.0", "第一集 契约|95.5", "Comma, \"quoted\"|112.0"])
    }

    func uploadPreview(_ browser: Browser, drama: Int64, filename: String, file: String) async throws -> TestResponse {
        if await browser.csrfToken == nil { try await browser.get("/login") }
        let token = await browser.csrfToken ?? ""
        let boundary = "----WebKitFormBoundaryAbC123xYz"  // mixed case, as browsers send it
        var body = ""
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"lines\"\r\n\r\n\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n"
        body += "--\(boundary)--\r\n"
        return try await browser.send(
            "/o/studio/dramas/\(drama)/import/preview", method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .accept: "text/html"],
            body: ByteBuffer(string: body)
        )
    }

    /// The hidden `content` field of the preview page, unescaped as a browser would.
    func hiddenContent(_ html: String) -> String? {
        guard let range = html.range(of: #"name="content" value="[^"]*""#, options: .regularExpression) else { return nil }
        let attribute = html[range].dropFirst(#"name="content" value=""#.count).dropLast()
        return String(attribute)
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func reviewRegressionsInImportParsing() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            // A huge duration is a problem, not a crash.
            let huge = try await browser.post(
                "/o/studio/dramas/\(drama)/import/preview", form: [("lines", "1 \(CatalogSteps.asset(1)) 1e19 Huge\n2 \(CatalogSteps.asset(2)) 999999999999999999:00 Huge")]
            )
            #expect(huge.status == .unprocessableContent)
            #expect(huge.text.contains("Duration &quot;1e19&quot; is not a duration"))
            let form = try await CatalogSteps.episode(browser, org: "studio", drama: drama, number: 1, asset: CatalogSteps.asset(1), duration: "1e19")
            #expect(form.status == .unprocessableContent)

            // Blank lines before the CSV header are skipped.
            let csv = "\n\nnumber,asset_id,title\n1,\(CatalogSteps.asset(1)),After blank lines"
            #expect(try await CatalogSteps.importLines(browser, org: "studio", drama: drama, csv).status == .seeOther)
        }
        let titles = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT title FROM episode") }
        #expect(titles == ["After blank lines"])
    }

    @Test func formulaLikeTitlesAndArchivedRowsRoundTrip() async throws {
        let database = try TestApp.database()
        try await TestApp.run(database: database) { browser in
            let drama = try await setUp(browser)
            let text = "1 \(CatalogSteps.asset(1)) 60 -Finale\n2 \(CatalogSteps.asset(2)) 60 =SUM(A1)"
            #expect(try await CatalogSteps.importLines(browser, org: "studio", drama: drama, text).status == .seeOther)
            let episodeId = try await database.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM episode WHERE number = 2") } ?? 0
            #expect(try await browser.post("/o/studio/episodes/\(episodeId)/archive").status == .seeOther)

            let export = try await browser.get("/o/studio/dramas/\(drama)/episodes.csv?archived=1", accept: "text/csv")
            #expect(export.text.contains(",'-Finale,") || export.text.contains("'-Finale"), "formula-like cells are neutralised for spreadsheets")
            let disposition = export.headers[.contentDisposition] ?? ""
            let asciiOnly = disposition.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(asciiOnly, "the header carries only ASCII: \(disposition)")

            let project = try await CatalogSteps.project(browser, org: "studio", name: "Copy")
            let copy = try await CatalogSteps.drama(browser, org: "studio", project: project, title: "副本 Copy")
            #expect(try await CatalogSteps.importLines(browser, org: "studio", drama: copy, export.text).status == .seeOther)
            let copyExport = try await browser.get("/o/studio/dramas/\(copy)/episodes.csv", accept: "text/csv")
            #expect(copyExport.headers[.contentDisposition]?.contains("filename*=UTF-8''%E5%89%AF%E6%9C%AC%20Copy%20episodes.csv") == true)
        }
        let rows = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT title, archivedAt IS NOT NULL AS archived FROM episode ORDER BY dramaId, number")
                .map { "\($0["title"] as String)|\($0["archived"] as Bool)" }
        }
        #expect(rows == ["-Finale|false", "=SUM(A1)|true", "-Finale|false", "=SUM(A1)|true"])
    }
}
