import Foundation
import Mustache

/// `/o/:org/dramas/:drama/characters/:character`: every scene the character is in.
struct CharacterPage: PageViewModel {
    struct SceneRow: MustacheParent, Sendable {
        var episode: Int
        var scene: Int
        var heading: String
        var time: String
        var summary: String
        var lines: Int
        var url: String

        func child(named name: String) -> Any? {
            switch name {
            case "episode": episode
            case "scene": scene
            case "heading": heading
            case "time": time
            case "summary": summary
            case "lines": lines
            case "url": url
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var name: String
    var aliases: String
    var role: String
    var summary: String
    var castURL: String
    var scenes: [SceneRow]

    init(chrome: PageChrome, member: DramaCast.Member, scenes: [CharacterRepository.SceneAppearance], dramaId: Int64, org: String) {
        self.chrome = chrome
        name = member.name
        aliases = member.aliases.joined(separator: ", ")
        role = member.role.capitalized
        summary = "\(member.episodes) episodes · \(member.scenes) scenes · \(member.lines) lines · \(EpisodeDuration.format(member.screenSeconds)) on screen"
        castURL = SiteURL.characters(org: org, dramaId: dramaId).path
        self.scenes = scenes.map { scene in
            SceneRow(
                episode: scene.episodeNumber, scene: scene.sceneNumber, heading: scene.heading,
                time: "\(Timecode.display(scene.start)) – \(Timecode.display(scene.end))", summary: scene.summary, lines: scene.lines,
                url: SiteURL.storyboard(org: org, episodeId: scene.episodeId).path + "#" + StoryboardAnchor.scene(scene.sceneNumber)
            )
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "name": self.name
        case "aliases": aliases.isEmpty ? nil : aliases
        case "role": role
        case "summary": summary
        case "castURL": castURL
        case "scenes": scenes
        case "hasScenes": !scenes.isEmpty
        default: nil
        }
    }
}
