import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Shared steps of the API tests: a key made through the API keys page, and requests that
/// carry only that key (no cookies).
enum APISteps {
    /// Creates a key on the page and returns its secret, read from the one response showing it.
    static func createKey(
        _ browser: Browser, org: String, name: String = "Script", role: String = "member", scope: String = "read-write", expires: String = "90"
    ) async throws -> String {
        let response = try await browser.post(
            "/o/\(org)/settings/api-keys", form: [("name", name), ("role", role), ("scope", scope), ("expires", expires)]
        )
        #expect(response.status == .ok, "\(response.text)")
        #expect(response.headers[.cacheControl] == "no-store")
        let match = try #require(Accounts.firstMatch(#"id="new-secret">shr_[A-Za-z0-9_-]+<"#, in: response.text), "\(response.text)")
        return String(match.dropFirst(#"id="new-secret">"#.count).dropLast())
    }

    static func call(
        _ browser: Browser, _ path: String, method: HTTPRequest.Method = .get, key: String?, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await browser.client.execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// The response body as a JSON object.
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any], "\(response.text)")
    }

    /// `error.code` of a JSON error answer.
    static func errorCode(_ response: TestResponse) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any] else { return nil }
        return (object["error"] as? [String: Any])?["code"] as? String
    }

    static func data(_ response: TestResponse) throws -> [String: Any] {
        try #require(try object(response)["data"] as? [String: Any], "\(response.text)")
    }

    static func list(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try object(response)["data"] as? [[String: Any]], "\(response.text)")
    }
}
