import Foundation
import HTTPTypes
import Hummingbird

/// Refuses state-changing requests that did not come from our own pages.
///
/// Two checks, both required on POST, PUT, PATCH and DELETE:
/// 1. `Origin` (or, without it, `Referer`) must be this site when the browser sends one.
/// 2. The request must echo the CSRF token, as the `_csrf` form field or the `X-CSRF-Token`
///    header. The token is a random value kept in an HttpOnly, SameSite=Lax cookie
///    ("double submit"); another site can neither read it nor set it.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name.xCSRFToken

    let cookieName: String
    let secureCookies: Bool
    /// The configured public origin (e.g. `https://showrunner.example.com`), if any.
    let trustedOrigin: String?
    let maxFormSize: Int

    init(secureCookies: Bool, trustedOrigin: String?, maxFormSize: Int) {
        // The __Host- prefix pins the cookie to this exact host over HTTPS.
        self.cookieName = secureCookies ? "__Host-showrunner_csrf" : "showrunner_csrf"
        self.secureCookies = secureCookies
        self.trustedOrigin = trustedOrigin
        self.maxFormSize = maxFormSize
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[cookieName].map { String($0.value) }.flatMap(Self.validToken)
        let token = existing ?? SecureToken.generate()
        context.csrfToken = token

        if Self.isStateChanging(request.method) {
            guard originIsTrusted(request) else {
                throw HTTPError(.forbidden, message: "This request came from another site and was refused.")
            }
            let submitted = try await submittedToken(&request)
            guard let existing, let submitted, SecureToken.constantTimeEquals(existing, submitted) else {
                throw HTTPError(
                    .forbidden,
                    message: "Your form expired or was sent from another page. Go back, reload the page and try again."
                )
            }
        }

        var response = try await next(request, context)
        if existing == nil {
            let cookie = Cookie(
                name: cookieName, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax
            )
            response.headers[values: .setCookie].append(cookie.description)
        }
        return response
    }

    static func isStateChanging(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }

    /// 43 URL-safe base64 characters, as `SecureToken.generate()` makes.
    static func validToken(_ value: String) -> String? {
        guard value.count == 43, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        return value
    }

    private func submittedToken(_ request: inout Request) async throws -> String? {
        if let header = request.headers[Self.headerName] { return header }
        // Compare the media type case-insensitively, but keep the boundary as sent: it is case-sensitive.
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.lowercased()
        if mediaType.hasPrefix("application/x-www-form-urlencoded") {
            // Collecting stores the body back on the request, so the handler can still read it.
            let body = try await request.collectBody(upTo: maxFormSize)
            return FormFields(urlEncoded: String(buffer: body)).raw(Self.fieldName)
        }
        if mediaType.hasPrefix("multipart/form-data") {
            let body = try await request.collectBody(upTo: maxFormSize)
            return MultipartForm.firstField(named: Self.fieldName, in: body, contentType: contentType)
        }
        return nil
    }

    /// True when neither header is sent (non-browser clients), or when the one sent names this site.
    private func originIsTrusted(_ request: Request) -> Bool {
        let claimed: String
        if let origin = request.headers[.origin] {
            claimed = origin
        } else if let referer = request.headers[.referer], let url = URL(string: referer), let scheme = url.scheme, let host = url.host {
            claimed = "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        } else {
            return true
        }
        let origin = claimed.lowercased()
        if let trustedOrigin, origin == trustedOrigin.lowercased() { return true }
        // Same-origin: the browser's Origin names the host it sent the request to.
        guard let host = request.head.authority?.lowercased(), let url = URL(string: origin), let originHost = url.host else {
            return false
        }
        let originAuthority = originHost + (url.port.map { ":\($0)" } ?? "")
        return originAuthority == host
    }
}

extension CSRFMiddleware {
    /// `scheme://host[:port]` of a URL, as browsers send it in `Origin`.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
