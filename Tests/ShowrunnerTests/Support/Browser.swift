import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A tiny browser for tests: keeps cookies between requests and fills in the CSRF token the
/// way a page's hidden `_csrf` field would.
actor Browser {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(client: any TestClientProtocol) {
        self.client = client
    }

    enum CSRF: Sendable {
        case fromCookie
        case omitted
        case value(String)
    }

    var csrfToken: String? { cookies["showrunner_csrf"] ?? cookies["__Host-showrunner_csrf"] }
    var sessionCookie: String? { cookies["showrunner_session"] }

    func setCookie(_ name: String, _ value: String?) {
        cookies[name] = value
    }

    @discardableResult
    func get(_ path: String, accept: String = "text/html") async throws -> TestResponse {
        try await send(path, method: .get, headers: [.accept: accept], body: nil)
    }

    /// Posts a form like a browser would: with the CSRF token (unless told otherwise) and,
    /// when given, an `Origin` header.
    @discardableResult
    func post(_ path: String, form: [(String, String)] = [], csrf: CSRF = .fromCookie, origin: String? = nil) async throws -> TestResponse {
        if csrfToken == nil { try await get("/login") }
        var fields = form
        switch csrf {
        case .fromCookie: fields.append(("_csrf", csrfToken ?? ""))
        case .omitted: break
        case .value(let token): fields.append(("_csrf", token))
        }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"]
        if let origin { headers[.origin] = origin }
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] { store(setCookie: line) }
        return response
    }

    private func store(setCookie line: String) {
        let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let expired = parts.contains { $0.lowercased() == "max-age=0" }
            || parts.contains { part in
                guard part.lowercased().hasPrefix("expires=") else { return false }
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
                return formatter.date(from: String(part.dropFirst(8))).map { $0 <= Date() } ?? false
            }
        cookies[name] = expired || value.isEmpty ? nil : value
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}
