import Foundation
import HTTPTypes
import HummingbirdTesting
import Showrunner
import Testing

/// Shared catalog steps through the real forms.
enum CatalogSteps {
    static func asset(_ n: Int) -> String { "re_6577392952205\(String(format: "%05d", n))" }

    /// Creates a project and returns its id (from the redirect).
    static func project(_ browser: Browser, org: String, name: String = "Spring Slate") async throws -> Int64 {
        let response = try await browser.post("/o/\(org)/projects/new", form: [("name", name), ("description", "")])
        #expect(response.status == .seeOther, "\(response.text)")
        return try #require(lastId(response.location))
    }

    static func drama(_ browser: Browser, org: String, project: Int64, title: String = "The Hidden Heir") async throws -> Int64 {
        let response = try await browser.post(
            "/o/\(org)/projects/\(project)/dramas/new", form: [("title", title), ("language", "zh-CN"), ("notes", "")]
        )
        #expect(response.status == .seeOther, "\(response.text)")
        return try #require(lastId(response.location))
    }

    @discardableResult
    static func episode(_ browser: Browser, org: String, drama: Int64, number: Int, asset: String, duration: String = "") async throws -> TestResponse {
        try await browser.post(
            "/o/\(org)/dramas/\(drama)/episodes/new",
            form: [("number", String(number)), ("title", "Episode \(number)"), ("assetId", asset), ("duration", duration), ("notes", "")]
        )
    }

    /// Previews and confirms an import; returns the confirm response (or the preview when it failed).
    static func importLines(_ browser: Browser, org: String, drama: Int64, _ text: String) async throws -> TestResponse {
        let preview = try await browser.post("/o/\(org)/dramas/\(drama)/import/preview", form: [("lines", text)])
        guard preview.status == .ok else { return preview }
        return try await browser.post("/o/\(org)/dramas/\(drama)/import", form: [("content", text)])
    }

    static func lastId(_ location: String?) -> Int64? {
        location.flatMap { $0.split(separator: "/").last }.flatMap { Int64($0) }
    }
}
