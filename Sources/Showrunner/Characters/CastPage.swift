import Foundation
import Mustache

/// `/o/:org/dramas/:drama/characters`: the merged cast with counts, and the cast × episode grid.
struct CastPage: PageViewModel {
    struct Row: MustacheParent, Sendable {
        var name: String
        var url: String
        var aliases: String
        var role: String
        var episodes: Int
        var scenes: Int
        var lines: Int
        var screenTime: String
        var cells: [Cell]

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "url": url
            case "aliases": aliases.isEmpty ? nil : aliases
            case "role": role
            case "episodes": episodes
            case "scenes": scenes
            case "lines": lines
            case "screenTime": screenTime
            case "cells": cells
            default: nil
            }
        }
    }

    /// One episode of one character: lines spoken (scenes present in the title).
    struct Cell: MustacheParent, Sendable {
        var text: String
        var title: String
        var url: String?
        var level: Int

        func child(named name: String) -> Any? {
            switch name {
            case "text": text
            case "title": title
            case "storyboardURL": url
            case "level": level
            default: nil
            }
        }
    }

    var chrome: PageChrome
    var dramaTitle: String
    var dramaURL: String
    var rows: [Row]
    var episodeColumns: [String]

    init(chrome: PageChrome, cast: DramaCast, drama: Drama, episodeIds: [Int: Int64], org: String) {
        self.chrome = chrome
        dramaTitle = drama.title
        dramaURL = SiteURL.drama(org: org, id: drama.id).path
        episodeColumns = cast.episodeNumbers.map(String.init)
        let busiest = max(1, cast.members.flatMap { $0.perEpisode.values.map(\.lines) }.max() ?? 1)
        rows = cast.members.map { member in
            Row(
                name: member.name, url: SiteURL.character(org: org, dramaId: drama.id, characterId: member.id).path,
                aliases: member.aliases.joined(separator: ", "), role: member.role.capitalized, episodes: member.episodes,
                scenes: member.scenes, lines: member.lines, screenTime: EpisodeDuration.format(member.screenSeconds),
                cells: cast.episodeNumbers.map { number in
                    let counts = member.perEpisode[number] ?? DramaCast.Appearance()
                    let present = counts.scenes > 0 || counts.lines > 0
                    return Cell(
                        text: present ? String(counts.lines) : "",
                        title: "Episode \(number): \(counts.scenes) scenes, \(counts.lines) lines, \(EpisodeDuration.format(counts.screenSeconds)) on screen",
                        url: present ? episodeIds[number].map { SiteURL.storyboard(org: org, episodeId: $0).path } : nil,
                        level: present ? 1 + min(3, counts.lines * 4 / (busiest + 1)) : 0
                    )
                }
            )
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "chrome": chrome
        case "dramaTitle": dramaTitle
        case "dramaURL": dramaURL
        case "rows": rows
        case "hasRows": !rows.isEmpty
        case "episodeColumns": episodeColumns
        default: nil
        }
    }
}
