/// Breadcrumbs of catalog pages: organisation › Projects › project › drama › episode.
enum CatalogTrail {
    static func projects(_ org: String, current: Bool = false) -> PageChrome.Crumb {
        .init(label: "Projects", url: current ? nil : SiteURL.projects(org: org).path)
    }

    static func project(_ org: String, _ project: Project, current: Bool = false) -> [PageChrome.Crumb] {
        [projects(org), .init(label: project.name, url: current ? nil : SiteURL.project(org: org, id: project.id).path)]
    }

    static func drama(_ org: String, _ project: Project, _ drama: Drama, current: Bool = false) -> [PageChrome.Crumb] {
        self.project(org, project) + [.init(label: drama.title, url: current ? nil : SiteURL.drama(org: org, id: drama.id).path)]
    }

    static func episode(_ org: String, _ found: EpisodeRepository.WithParents) -> [PageChrome.Crumb] {
        drama(org, found.project, found.drama) + [.init(label: "Episode \(found.episode.number)", url: nil)]
    }
}
