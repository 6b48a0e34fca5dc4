import Hummingbird

// Loading the item a catalog route names (`:project`, `:drama`, `:episode`) inside the
// current organisation. A malformed id is a 400, another organisation's id a 404.

extension ProjectRepository {
    func require(from context: OrganizationContext) async throws -> Project {
        try await require(organizationId: context.organizationId, id: context.parameters.require("project", as: Int64.self))
    }
}

extension DramaRepository {
    func require(from context: OrganizationContext) async throws -> WithProject {
        try await require(organizationId: context.organizationId, id: context.parameters.require("drama", as: Int64.self))
    }
}

extension EpisodeRepository {
    func require(from context: OrganizationContext) async throws -> WithParents {
        try await require(organizationId: context.organizationId, id: context.parameters.require("episode", as: Int64.self))
    }
}
