import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

/// Shared steps: a drama with episodes, and submitting it through the real pages.
enum TaskSteps {
    static let assets = ["re_657739295220518912", "re_657739295220518913", "re_657739295220518914"]

    /// Signs up, creates a project and a drama with three 2–3 minute episodes.
    static func drama(_ browser: Browser, email: String = "producer-\(UUID().uuidString.prefix(8))@example.com") async throws -> (org: String, drama: Int64) {
        let dashboard = try await Accounts.signUp(browser, email: email, organization: "Studio \(UUID().uuidString.prefix(6))")
        let org = Accounts.slug(from: dashboard)
        let project = try await CatalogSteps.project(browser, org: org)
        let drama = try await CatalogSteps.drama(browser, org: org, project: project)
        for (index, asset) in assets.enumerated() {
            let response = try await CatalogSteps.episode(browser, org: org, drama: drama, number: index + 1, asset: asset, duration: "\(120 + index * 30)")
            #expect(response.status == .seeOther, "\(response.text)")
        }
        return (org, drama)
    }

    /// The hidden fields of the review page's confirm form.
    static func hiddenFields(_ html: String) -> [(String, String)] {
        let pattern = #"<input type="hidden" name="([^"]+)" value="([^"]*)">"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            guard let name = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 2), in: html) else { return nil }
            return (String(html[name]), unescape(String(html[value])))
        }.filter { $0.0 != "_csrf" }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static let defaultForm: [(String, String)] = [
        ("submitted", "1"), ("episodes", "all"), ("mode", "short_drama"), ("language", "en"),
        ("use_face_recognition", "on"), ("require_json", "on"), ("require_xlsx", "on"), ("concurrency", "100"),
    ]

    /// Review then confirm; returns the review page and the confirm response.
    static func submit(_ browser: Browser, org: String, drama: Int64, form: [(String, String)] = defaultForm) async throws -> (review: TestResponse, confirm: TestResponse) {
        let review = try await browser.post("/o/\(org)/dramas/\(drama)/tasks/review", form: form)
        #expect(review.status == .ok, "\(review.text)")
        let confirm = try await browser.post("/o/\(org)/dramas/\(drama)/tasks", form: hiddenFields(review.text))
        return (review, confirm)
    }

    /// Reviews and confirms, and returns the new task's id (from the redirect).
    static func submittedTask(_ browser: Browser, org: String, drama: Int64, form: [(String, String)] = defaultForm) async throws -> Int64 {
        let (_, confirm) = try await submit(browser, org: org, drama: drama, form: form)
        return try #require(CatalogSteps.lastId(confirm.location))
    }

    static func taskStatus(_ database: AppDatabase, id: Int64) async throws -> (status: String, result: String)? {
        try await database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT status, resultStatus FROM task WHERE id = ?", arguments: [id]).map { ($0["status"], $0["resultStatus"]) }
        }
    }
}
