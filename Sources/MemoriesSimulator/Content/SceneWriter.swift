import Foundation
import MemoriesClient

/// Builds one scene: heading, shots with framing and descriptions, and the lines spoken
/// in them. Collects the scene's transcript lines in `lines`.
struct SceneWriter {
    let cast: DramaCast
    let language: ContentLanguage
    let placeholders: Placeholders
    let episode: String
    /// Share of dialogue lines whose speaker is left unidentified.
    let unknownSpeakerRate: Double

    private(set) var lines: [TranscriptLine] = []
    private(set) var locationKey = ""

    init(cast: DramaCast, language: ContentLanguage, placeholders: Placeholders, episode: String, unknownSpeakerRate: Double) {
        self.cast = cast
        self.language = language
        self.placeholders = placeholders
        self.episode = episode
        self.unknownSpeakerRate = unknownSpeakerRate
    }

    mutating func write(
        number: Int,
        beat: SceneBeat,
        hook: LineTemplate?,
        cuts: [Double],
        firstShotNumber: Int,
        firstLineNumber: Int,
        previousLocation: String?,
        rng: inout SplitMix64
    ) -> StoryboardScene {
        let location = Location.named(rng.pick(beat.locations))
        locationKey = location.key
        let time: TimeOfDay = previousLocation == location.key ? .continuous : rng.pick(location.times)
        let heading = makeHeading(location: location, time: time)

        let templates = beat.lines + (hook.map { [$0] } ?? [])
        let shotCount = cuts.count - 1
        let slots = Self.lineSlots(lineCount: templates.count, shotCount: shotCount)
        var sceneCharacters = beat.parts.map { cast.member($0).id } + beat.extras.map { extraID($0) }
        var shots: [StoryboardShot] = []
        var actionIndex = rng.int(in: 0...(beat.actions.count - 1))
        var lineNumber = firstLineNumber

        for shotIndex in 0..<shotCount {
            let start = cuts[shotIndex]
            let end = cuts[shotIndex + 1]
            let shotNumber = firstShotNumber + shotIndex
            let shotTemplates = slots[shotIndex].map { templates[$0] }
            var lineIDs: [String] = []
            for (position, template) in shotTemplates.enumerated() {
                let line = makeLine(
                    template, number: lineNumber, shotStart: start, shotEnd: end,
                    position: position, of: shotTemplates.count,
                    sceneNumber: number, shotNumber: shotNumber, rng: &rng
                )
                lineNumber += 1
                lineIDs.append(line.id)
                lines.append(line)
                if let speaker = line.speakerID, !sceneCharacters.contains(speaker) {
                    sceneCharacters.append(speaker)
                }
            }
            let framing = frame(
                shotIndex: shotIndex, location: location, beat: beat, speaker: shotTemplates.first?.speaker,
                sceneCharacters: sceneCharacters, actionIndex: &actionIndex, rng: &rng
            )
            shots.append(
                StoryboardShot(
                    number: shotNumber, size: framing.size, angle: framing.angle, movement: framing.movement,
                    description: framing.description, start: start, end: end,
                    characterIDs: framing.characterIDs, lineIDs: lineIDs
                )
            )
        }
        return StoryboardScene(
            number: number, heading: heading, start: cuts[0], end: cuts[cuts.count - 1],
            summary: placeholders.fill(beat.summary.text(language)),
            characterIDs: sceneCharacters, shots: shots
        )
    }

    /// Which template lines each shot carries: the establishing shot stays silent when
    /// there is room; no shot carries more than two lines; extra lines are dropped.
    static func lineSlots(lineCount: Int, shotCount: Int) -> [[Int]] {
        var slots = Array(repeating: [Int](), count: shotCount)
        let firstSpeakingShot = shotCount > 1 ? 1 : 0
        let available = shotCount - firstSpeakingShot
        let count = min(lineCount, available * 2)
        guard count > 0 else { return slots }
        for index in 0..<count {
            let shot = firstSpeakingShot + index * available / count
            slots[shot].append(index)
        }
        // Keep the last template (the episode's hook) when lines had to be dropped.
        if lineCount > count, let lastShot = slots.lastIndex(where: { !$0.isEmpty }) {
            slots[lastShot][slots[lastShot].count - 1] = lineCount - 1
        }
        return slots
    }

    private func makeHeading(location: Location, time: TimeOfDay) -> SceneHeading {
        let name = placeholders.fill(location.name.text(language))
        let text: String
        switch language {
        case .english:
            text = "\(location.setting.rawValue) \(name) - \(time.rawValue)"
        case .chinese:
            text = "\(Self.chineseSetting(location.setting)) \(name) - \(Self.chineseTime(time))"
        }
        return SceneHeading(setting: location.setting, location: name, timeOfDay: time, text: text)
    }

    private func extraID(_ index: Int) -> String {
        let extras = cast.extras
        return extras[index % extras.count].id
    }

    private func speakerID(_ speaker: Speaker) -> String? {
        switch speaker {
        case .part(let part): return cast.member(part).id
        case .extra(let index): return extraID(index)
        case .nobody: return nil
        }
    }

    private mutating func makeLine(
        _ template: LineTemplate,
        number: Int,
        shotStart: Double,
        shotEnd: Double,
        position: Int,
        of count: Int,
        sceneNumber: Int,
        shotNumber: Int,
        rng: inout SplitMix64
    ) -> TranscriptLine {
        let text = placeholders.fill(template.text.text(language))
        let segment = (shotEnd - shotStart) / Double(count)
        let segmentStart = shotStart + segment * Double(position)
        let start = EpisodeGenerator.rounded(segmentStart + min(0.25, segment * 0.1))
        let spoken = language == .chinese
            ? Double(text.count) * 0.22 + 0.3
            : Double(text.split(separator: " ").count) * 0.33 + 0.3
        let end = EpisodeGenerator.rounded(min(start + spoken, segmentStart + segment - 0.05))
        let unidentified = rng.chance(unknownSpeakerRate) && template.kind == .dialogue
        return TranscriptLine(
            id: "e\(episode)-l\(String(format: "%04d", number))",
            speakerID: unidentified ? nil : speakerID(template.speaker),
            kind: template.kind,
            text: text,
            delivery: template.delivery?.text(language),
            start: start,
            end: max(end, start + 0.1),
            sceneNumber: sceneNumber,
            shotNumber: shotNumber
        )
    }

    private struct Framing {
        var size: ShotSize
        var angle: CameraAngle
        var movement: CameraMovement
        var description: String
        var characterIDs: [String]
    }

    private func frame(
        shotIndex: Int,
        location: Location,
        beat: SceneBeat,
        speaker: Speaker?,
        sceneCharacters: [String],
        actionIndex: inout Int,
        rng: inout SplitMix64
    ) -> Framing {
        let angle = rng.pick(weighted: ShotFraming.angles)
        if shotIndex == 0 {
            return Framing(
                size: rng.pick(weighted: ShotFraming.establishingSizes), angle: angle,
                movement: rng.pick(weighted: ShotFraming.establishingMovements),
                description: placeholders.fill(location.establishing.text(language)), characterIDs: []
            )
        }
        let movement = rng.pick(weighted: ShotFraming.movements)
        if let speaker, let id = speakerID(speaker) {
            let size = rng.pick(weighted: ShotFraming.dialogueSizes)
            let other = sceneCharacters.first(where: { $0 != id })
            let isWide = size == .two || size == .ots || size == .ms
            let pool = isWide && other != nil ? ShotFraming.speakingWide : ShotFraming.speakingClose
            let description = pool[rng.int(in: 0...(pool.count - 1))].text(language)
                .replacingOccurrences(of: "{X}", with: displayName(id))
                .replacingOccurrences(of: "{Y}", with: other.map(displayName) ?? "")
            var visible = [id]
            if isWide, let other {
                visible.append(other)
            }
            return Framing(size: size, angle: angle, movement: movement, description: description, characterIDs: visible)
        }
        if speaker == nil, rng.chance(0.2), !beat.inserts.isEmpty {
            let insert = rng.pick(beat.inserts)
            return Framing(size: .insert, angle: .high, movement: .static, description: placeholders.fill(insert.text(language)), characterIDs: [])
        }
        if rng.chance(0.6) {
            let action = beat.actions[actionIndex % beat.actions.count]
            actionIndex += 1
            let visible = beat.parts.map { cast.member($0).id }.filter { id in
                action.zh.contains("{\(shortKey(id))}")
            }
            return Framing(
                size: rng.pick(weighted: ShotFraming.actionSizes), angle: angle, movement: movement,
                description: placeholders.fill(action.text(language)),
                characterIDs: visible.isEmpty ? Array(sceneCharacters.prefix(2)) : visible
            )
        }
        let subject = sceneCharacters.isEmpty ? cast.member(.heroine).id : rng.pick(sceneCharacters)
        let reaction = ShotFraming.reacting[rng.int(in: 0...(ShotFraming.reacting.count - 1))].text(language)
        return Framing(
            size: rng.pick(weighted: [(ShotSize.cu, 0.5), (.mcu, 0.3), (.ecu, 0.2)]), angle: angle, movement: movement,
            description: reaction.replacingOccurrences(of: "{X}", with: displayName(subject)), characterIDs: [subject]
        )
    }

    private func displayName(_ id: String) -> String {
        cast.members.first { $0.id == id }?.name.text(language) ?? id
    }

    /// The placeholder letter a part uses in action texts.
    private func shortKey(_ id: String) -> String {
        switch cast.members.first(where: { $0.id == id })?.part {
        case .heroine: return "H"
        case .ceo: return "C"
        case .rival: return "R"
        case .secretary: return "S"
        case .motherInLaw: return "M"
        case .child: return "K"
        case .doctor: return "D"
        case .father: return "F"
        case nil: return "?"
        }
    }

    private static func chineseSetting(_ setting: SceneSetting) -> String {
        switch setting {
        case .interior: return "内景"
        case .exterior: return "外景"
        case .interiorExterior: return "内/外景"
        }
    }

    private static func chineseTime(_ time: TimeOfDay) -> String {
        switch time {
        case .day: return "日"
        case .night: return "夜"
        case .dawn: return "清晨"
        case .dusk: return "黄昏"
        case .continuous: return "连续"
        case .later: return "稍后"
        }
    }
}
