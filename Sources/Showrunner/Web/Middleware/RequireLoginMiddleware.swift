import Foundation
import Hummingbird

/// Sends visitors who are not logged in to the login page, remembering where they were going.
struct RequireLoginMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.identity == nil else { return try await next(request, context) }
        if ErrorPageMiddleware<Context>.wantsJSON(request) { throw HTTPError(.unauthorized) }
        var target = SiteURL.login.path
        if request.method == .get, let next = LocalRedirect.sanitized(request.uri.description) {
            target += "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
        }
        return .redirect(to: target, type: .normal)
    }
}

/// Only same-site paths are followed after login, so `?next=` cannot send people elsewhere.
enum LocalRedirect {
    static func sanitized(_ candidate: String?) -> String? {
        // Browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" would leave the site.
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), candidate.count < 2048,
            !candidate.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" })
        else { return nil }
        return candidate
    }
}

extension CharacterSet {
    /// Characters that may stay unescaped inside a query value.
    static let urlQueryValueAllowed: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return allowed
    }()
}
