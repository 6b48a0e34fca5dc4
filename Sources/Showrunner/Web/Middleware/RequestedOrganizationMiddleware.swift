import Hummingbird

/// Names the organisation an `/o/{slug}/…` page asks for before the session is loaded, so
/// `SessionStore` reads the session, its user and the user's membership there in one query
/// (`RequestedOrganization.slug`), and `OrganizationMiddleware` needs no read of its own.
struct RequestedOrganizationMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let slug = Self.slug(inPath: request.uri.path) else {
            return try await next(request, context)
        }
        return try await RequestedOrganization.$slug.withValue(slug) {
            try await next(request, context)
        }
    }

    /// `acme` in `/o/acme` and `/o/acme/…`; nil for every other path.
    static func slug(inPath path: String) -> String? {
        guard path.utf8.starts(with: "/o/".utf8) else { return nil }
        let slug = path.utf8.dropFirst(3).prefix { $0 != UInt8(ascii: "/") }
        guard !slug.isEmpty, slug.count <= 100 else { return nil }
        return String(Substring(slug))
    }
}

/// The organisation slug of the page being served (see `RequestedOrganizationMiddleware`).
enum RequestedOrganization {
    @TaskLocal static var slug: String?
}
