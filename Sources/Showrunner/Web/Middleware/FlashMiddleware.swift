import Hummingbird

/// Reads the one-shot flash cookie into the context and expires it once shown.
struct FlashMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let value = request.cookies[Flash.cookieName]?.value else {
            return try await next(request, context)
        }
        var context = context
        context.flash = Flash(cookieValue: String(value))
        var response = try await next(request, context)
        // A redirect that sets a new flash keeps it; otherwise this one has been shown.
        let setsNewFlash = response.headers[values: .setCookie].contains { $0.hasPrefix(Flash.cookieName + "=") }
        if !setsNewFlash {
            response.headers[values: .setCookie].append(Flash.expiredCookie(secure: secureCookies).description)
        }
        return response
    }
}
