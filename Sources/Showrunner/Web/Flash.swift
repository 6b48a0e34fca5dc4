import Foundation
import Hummingbird

/// A one-shot message shown on the next page after a redirect ("Invitation created").
///
/// Carried in a short-lived cookie so it also works before login. Its text is ours and is
/// HTML-escaped by the templates like everything else.
public struct Flash: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case success, error, info }
    public var kind: Kind
    public var message: String

    static let cookieName = "showrunner_flash"

    func cookie(secure: Bool) -> Cookie {
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return Cookie(
            name: Self.cookieName, value: Base64URL.encode(json), maxAge: 60, path: "/",
            secure: secure, httpOnly: true, sameSite: .lax
        )
    }

    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    init?(cookieValue: String) {
        guard let data = Base64URL.decode(cookieValue),
            let flash = try? JSONDecoder().decode(Flash.self, from: data)
        else { return nil }
        self = flash
    }
}

extension Response {
    /// A 303 redirect that shows `flash` on the page it leads to.
    static func redirect(to url: SiteURL, flash: Flash? = nil, secureCookies: Bool) -> Response {
        var response = Response.redirect(to: url.path, type: .normal)
        if let flash {
            response.headers[values: .setCookie].append(flash.cookie(secure: secureCookies).description)
        }
        return response
    }
}
