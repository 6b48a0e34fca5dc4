import MemoriesClient

/// The storyboard as a spreadsheet: one row per shot, the columns producers expect.
enum StoryboardSheet {
    static func header(_ language: ContentLanguage) -> [String] {
        switch language {
        case .chinese:
            return ["集数", "场次", "场景标题", "镜号", "景别", "角度", "运镜", "画面描述", "人物", "台词", "开始(秒)", "结束(秒)", "时长(秒)"]
        case .english:
            return ["Episode", "Scene", "Heading", "Shot", "Size", "Angle", "Movement", "Description", "Characters", "Dialogue", "Start (s)", "End (s)", "Duration (s)"]
        }
    }

    static let columnWidths: [Double] = [8, 7, 34, 6, 8, 10, 10, 48, 22, 56, 10, 10, 10]

    static func rows(storyboard: StoryboardFile, transcript: TranscriptFile?, names: [String: String], language: ContentLanguage) -> [[XLSXCell]] {
        let linesByID = Dictionary((transcript?.lines ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let separator = language == .chinese ? "、" : ", "
        let unknown = language == .chinese ? "未知" : "Unknown"
        var rows: [[XLSXCell]] = []
        for scene in storyboard.scenes {
            for shot in scene.shots {
                let characters = shot.characterIDs.map { names[$0] ?? $0 }.joined(separator: separator)
                let dialogue = shot.lineIDs.compactMap { linesByID[$0] }.map { line -> String in
                    let speaker = line.speakerID.flatMap { names[$0] } ?? unknown
                    let colon = language == .chinese ? "：" : ": "
                    return speaker + colon + line.text
                }.joined(separator: "\n")
                rows.append([
                    Int(storyboard.episode).map(XLSXCell.integer) ?? .text(storyboard.episode),
                    .integer(scene.number),
                    .text(scene.heading.text),
                    .integer(shot.number),
                    .text(shot.size.rawValue),
                    .text(shot.angle.rawValue),
                    .text(shot.movement.rawValue),
                    .text(shot.description),
                    characters.isEmpty ? .empty : .text(characters),
                    dialogue.isEmpty ? .empty : .text(dialogue),
                    .number(shot.start),
                    .number(shot.end),
                    .number(EpisodeGenerator.rounded(shot.end - shot.start)),
                ])
            }
        }
        return rows
    }
}
