import Foundation
import GRDB
import Hummingbird

/// The drama's cast page and one character's scenes.
struct CharactersController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var characters: CharacterRepository { CharacterRepository(database: dependencies.database) }
    var dramas: DramaRepository { DramaRepository(database: dependencies.database) }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.characters, use: index)
        group.get(SiteURL.OrgRoute.character, use: show)
    }

    @Sendable func index(_ request: Request, context: Context) async throws -> HTML {
        let found = try await dramas.require(from: context)
        let cast = try await characters.cast(organizationId: context.organizationId, dramaId: found.drama.id)
        let episodeIds = try await dependencies.database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT number, id FROM episode WHERE dramaId = ? AND organizationId = ?",
                arguments: [found.drama.id, context.organizationId]
            ).reduce(into: [Int: Int64]()) { $0[$1[0]] = $1[1] }
        }
        let org = context.slug
        let page = CastPage(
            chrome: PageChrome(
                title: "Characters · \(found.drama.title)", context: context,
                trail: CatalogTrail.drama(org, found.project, found.drama) + [.init(label: "Characters")]
            ),
            cast: cast, drama: found.drama, episodeIds: episodeIds, org: org
        )
        return try dependencies.renderer.render(page, template: "characters/index")
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> HTML {
        let found = try await dramas.require(from: context)
        let characterId = try context.parameters.require("character", as: Int64.self)
        let cast = try await characters.cast(organizationId: context.organizationId, dramaId: found.drama.id)
        guard let member = cast.member(containing: characterId) else { throw DomainError.notFound }
        let scenes = try await characters.scenes(organizationId: context.organizationId, dramaId: found.drama.id, characterIds: member.memberIds)
        let org = context.slug
        let page = CharacterPage(
            chrome: PageChrome(
                title: "\(member.name) · \(found.drama.title)", context: context,
                trail: CatalogTrail.drama(org, found.project, found.drama)
                    + [.init(label: "Characters", url: SiteURL.characters(org: org, dramaId: found.drama.id).path), .init(label: member.name)]
            ),
            member: member, scenes: scenes, dramaId: found.drama.id, org: org
        )
        return try dependencies.renderer.render(page, template: "characters/show")
    }
}
