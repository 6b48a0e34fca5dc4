import Foundation
import MemoriesClient
import MemoriesSimulator

/// A result zip whose every free-text field tries to break out of where it is shown.
enum HostileStoryboard {
    static let script = "<script>alert(1)</script>"
    static let attribute = "\"><img src=x onerror=alert(2)>"
    static let mustache = "{{chrome.csrf}}"
    static let link = "javascript:alert(3)"
    static let rtl = "\u{202E}txt.exe"
    static let payload = "\(script) \(attribute) \(mustache) \(link) \(rtl)"

    /// The strings that must never appear unescaped in HTML.
    static let rawMarkers = ["<script>alert(1)", "<img src=x", "onerror=alert(2)>"]

    static func zip() throws -> URL {
        let results = IngestFixtures.generated(episodes: IngestedDrama.episodes)
        var entries = try IngestFixtures.jsonEntries(
            results,
            storyboard: { storyboard in
                for index in storyboard.scenes.indices {
                    storyboard.scenes[index].heading.text = "INT. \(payload)"
                    storyboard.scenes[index].heading.location = payload
                    storyboard.scenes[index].summary = "Summary \(payload)"
                    for shot in storyboard.scenes[index].shots.indices {
                        storyboard.scenes[index].shots[shot].description = "Shot \(payload)"
                    }
                }
            },
            transcript: { transcript in
                for index in transcript.lines.indices {
                    transcript.lines[index].text = "Line \(payload)"
                    transcript.lines[index].delivery = attribute
                }
            }
        )
        var namelist = results.namelist
        for index in namelist.characters.indices {
            namelist.characters[index].name = "\(namelist.characters[index].name) \(script)\(attribute)"
            namelist.characters[index].aliases = [mustache, link, rtl]
        }
        entries.removeAll { $0.name == ResultFileName.namelist }
        entries.append(.stored(ResultFileName.namelist, try IngestFixtures.json(namelist)))
        return try IngestFixtures.craftedZip(entries)
    }
}
