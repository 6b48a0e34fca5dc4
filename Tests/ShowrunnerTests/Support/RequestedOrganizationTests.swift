@testable import Showrunner
import Testing

/// The slug `SessionStore` reads the membership for, taken from the path before routing.
@Suite struct RequestedOrganizationTests {
    @Test func slugComesOnlyFromOrganisationPaths() {
        typealias Middleware = RequestedOrganizationMiddleware<AppRequestContext>
        #expect(Middleware.slug(inPath: "/o/acme") == "acme")
        #expect(Middleware.slug(inPath: "/o/acme/dramas/3") == "acme")
        #expect(Middleware.slug(inPath: "/o/%E4%B8%AD/x") == "%E4%B8%AD", "as sent; the database compares it like the route parameter")
        #expect(Middleware.slug(inPath: "/o/") == nil)
        #expect(Middleware.slug(inPath: "/o//dramas") == nil)
        #expect(Middleware.slug(inPath: "/organizations") == nil)
        #expect(Middleware.slug(inPath: "/login") == nil)
        #expect(Middleware.slug(inPath: "/o/" + String(repeating: "a", count: 101)) == nil)
    }
}
