import Foundation

/// A drama's cast merged across its tasks: every task has its own namelist, so the same
/// person appears once per task. Entries with the same name (ignoring case and spacing) or the
/// same face cluster are one character; their aliases are combined.
public struct DramaCast: Sendable, Equatable {
    public struct Member: Sendable, Equatable, Identifiable {
        /// The lowest `taskCharacter.id` of the group: the character's link.
        public var id: Int64
        public var name: String
        public var aliases: [String]
        /// The most prominent role any task gave them (lead > supporting > extra).
        public var role: String
        /// Every `taskCharacter.id` merged into this character.
        public var memberIds: [Int64]
        /// Episode number → counts in that episode's current run.
        public var perEpisode: [Int: Appearance]

        public var episodes: Int { perEpisode.values.filter { $0.scenes > 0 || $0.lines > 0 }.count }
        public var scenes: Int { perEpisode.values.reduce(0) { $0 + $1.scenes } }
        public var lines: Int { perEpisode.values.reduce(0) { $0 + $1.lines } }
        public var screenSeconds: Double { perEpisode.values.reduce(0) { $0 + $1.screenSeconds } }
    }

    public struct Appearance: Sendable, Equatable {
        public var scenes = 0
        public var lines = 0
        /// Total length of the shots they are visible in.
        public var screenSeconds = 0.0
    }

    /// One namelist entry of one task, with its counts.
    struct Entry: Sendable {
        var id: Int64
        var name: String
        var aliases: [String]
        var role: String
        var faceClusterId: String?
        var perEpisode: [Int: Appearance]
    }

    public var members: [Member]
    /// Episode numbers with a current run, in order (the grid's columns).
    public var episodeNumbers: [Int]

    init(entries: [Entry], episodeNumbers: [Int]) {
        self.episodeNumbers = episodeNumbers
        var groups: [[Entry]] = []
        var byName: [String: Int] = [:]
        var byFace: [String: Int] = [:]
        for entry in entries.sorted(by: { $0.id < $1.id }) {
            let name = Self.normalized(entry.name)
            let group = byName[name] ?? entry.faceClusterId.flatMap { byFace[$0] } ?? groups.count
            if group == groups.count { groups.append([]) }
            groups[group].append(entry)
            if !name.isEmpty { byName[name] = byName[name] ?? group }
            if let face = entry.faceClusterId { byFace[face] = byFace[face] ?? group }
        }
        members = groups.compactMap { group in
            guard let first = group.first else { return nil }
            var perEpisode: [Int: Appearance] = [:]
            var aliases: [String] = []
            var seen = Set([Self.normalized(first.name)])
            for entry in group {
                for (episode, counts) in entry.perEpisode {
                    var total = perEpisode[episode, default: Appearance()]
                    total.scenes += counts.scenes
                    total.lines += counts.lines
                    total.screenSeconds += counts.screenSeconds
                    perEpisode[episode] = total
                }
                for alias in [entry.name] + entry.aliases where seen.insert(Self.normalized(alias)).inserted {
                    aliases.append(alias)
                }
            }
            let role = group.map(\.role).min { Self.rank($0) < Self.rank($1) } ?? first.role
            return Member(id: first.id, name: first.name, aliases: aliases, role: role, memberIds: group.map(\.id), perEpisode: perEpisode)
        }
        .sorted { ($0.lines, $0.scenes, -$0.id) > ($1.lines, $1.scenes, -$1.id) }
    }

    public func member(containing id: Int64) -> Member? {
        members.first { $0.memberIds.contains(id) }
    }

    static func normalized(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func rank(_ role: String) -> Int {
        switch role {
        case "lead": 0
        case "supporting": 1
        default: 2
        }
    }
}
