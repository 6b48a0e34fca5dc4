import Foundation

@testable import Showrunner

/// Small, fully known storyboard documents for export and page tests: one skeleton (2 scenes,
/// 5 shots, 8 lines of every kind, one line attached to no shot, one unidentified speaker, one
/// line whose end is not after its start) filled with Chinese, English or hostile text.
enum StoryboardFixtures {
    /// 总裁的契约新娘, episode 3 (or `episode`), in Chinese.
    static func chinese(episode: Int = 3) -> StoryboardDocument {
        document(Texts(
            projectTitle: "短剧项目", dramaTitle: "总裁的契约新娘", episodeTitle: "契约", language: "zh-CN",
            characters: [
                ("C01", "林夏", ["夏夏"], "lead"), ("C02", "顾承泽", ["顾总", "总裁"], "lead"), ("X01", "秘书李", [], "extra"),
            ],
            headings: ["内景 总裁办公室 - 夜", "外景 医院走廊 - 日"], locations: ["总裁办公室", "医院走廊"],
            summaries: ["林夏闯进顾承泽的办公室。", "林夏独自走过走廊。"],
            sizes: ["CU", "MS", "INSERT", "LS", "MCU"], angles: ["eye level", "low", "overhead", "eye level", "eye level"],
            movements: ["static", "push in", "static", "tracking", "handheld"],
            descriptions: ["林夏把合同摔在桌上。", "顾承泽抬头，冷笑。", "手机屏幕亮起。", "林夏走过长长的走廊。", "一个陌生人拦住她。"],
            lineTexts: ["这份合同，我不签。", "你没有选择。", "顾总，董事会的人到了。", "明天见。", "三年了，我终于回来了。", "那一夜，一切都变了。", "你是谁？", "等等！"],
            deliveries: [nil, "冷笑", nil, nil, nil, nil, nil, "大喊"],
            unknownSpeakerKey: nil
        ), episode: episode)
    }

    /// The same episode in English.
    static func english(episode: Int = 3) -> StoryboardDocument {
        document(Texts(
            projectTitle: "Short dramas", dramaTitle: "The CEO's Contract Bride", episodeTitle: "The Contract", language: "en",
            characters: [
                ("C01", "Lin Xia", ["Xia"], "lead"), ("C02", "Gu Chengze", ["Mr. Gu", "the CEO"], "lead"),
                ("X01", "Secretary Li", [], "extra"),
            ],
            headings: ["INT. CEO OFFICE - NIGHT", "EXT. HOSPITAL CORRIDOR - DAY"], locations: ["CEO OFFICE", "HOSPITAL CORRIDOR"],
            summaries: ["Lin Xia storms into Gu Chengze's office.", "Lin Xia walks the corridor alone."],
            sizes: ["CU", "MS", "INSERT", "LS", "MCU"], angles: ["eye level", "low", "overhead", "eye level", "eye level"],
            movements: ["static", "push in", "static", "tracking", "handheld"],
            descriptions: [
                "Lin Xia slaps the contract onto the desk.", "Gu Chengze looks up, smirking.", "A phone screen lights up.",
                "Lin Xia walks down the long corridor.", "A stranger blocks her way.",
            ],
            lineTexts: [
                "I won't sign this contract.", "You have no choice.", "Mr. Gu, the board is here.", "See you tomorrow.",
                "Three years. I'm finally back.", "That night, everything changed.", "Who are you?", "Wait!",
            ],
            deliveries: [nil, "coldly", nil, nil, nil, nil, nil, "shouting"],
            unknownSpeakerKey: nil
        ), episode: episode)
    }

    /// Every field an attacker (or a confused upstream) could fill: markup, template and script
    /// injection, spreadsheet formulas, a right-to-left override, NUL and other controls, `-->`,
    /// blank lines and Fountain structure. Plus a third scene with one hostile shot description
    /// per Fountain construct.
    static func hostile() -> StoryboardDocument {
        var document = document(Texts(
            projectTitle: "<script>alert(1)</script>",
            dramaTitle: "总裁\u{202E}的契约 \"新娘\"/\\ <script>alert(1)</script>",
            episodeTitle: "{{ x }} [[note]]\n\nINT. FAKE",
            language: "zh-CN",
            characters: [
                ("C01", "<script>alert(1)</script>", ["\"><img src=x onerror=alert(1)>", "{{ x }}"], "lead"),
                ("C02", "=HYPERLINK(\"http://x\")", ["+cmd", "@SUM(1)"], "lead"),
                ("X01", "INT. FAKE\u{202E}", ["javascript:alert(1)"], "extra\u{0}"),
            ],
            headings: ["INT. FAKE - NIGHT\n\nCUT TO:\n\n[[note]]", "=HYPERLINK(\"http://x\") #evil#\n==="],
            locations: ["+cmd", "@SUM(1)"],
            summaries: ["=HYPERLINK(\"http://x\")\n\nINT. FAKE - DAY\n\nCUT TO:", "/* boneyard */ ===\n# section"],
            sizes: ["=1+1", "-2+3", "@SUM(1)", "+cmd", "\tTAB"],
            angles: ["<b>", "\"", ",", "\r\n", "'"],
            movements: ["{{ x }}", "javascript:alert(1)", "\u{202E}", "\u{0}", "--> "],
            descriptions: ["INT. FAKE - NIGHT", "CUT TO:", "[[note]]", "===", "/* bone */"],
            lineTexts: [
                "-->\n\n2\n00:00:05,000 --> 00:00:06,000\ninjected",
                "<script>alert(1)</script> & <b>bold</b>",
                "~lyric\n(parenthetical?)\n===\nCUT TO:\nINT. FAKE - NIGHT",
                "{{ x }} javascript:alert(1)",
                "=HYPERLINK(\"http://x\")",
                "   \n\t  ",
                "\"quoted\", comma\r\nnew line --->",
                "\u{0}NUL\u{1B}[31m ESC \u{202E}evil",
            ],
            deliveries: ["whispering)\n\nINT. FAKE", "(shouting)", "[[note]]", nil, "@SUM(1)", nil, "\"><img src=x onerror=alert(1)>", nil],
            unknownSpeakerKey: "X99\u{202E}>"
        ), episode: 7)
        let constructs = [
            "# section", "= synopsis", "~lyric", "> centered <", "> CUT TO:", "@SUM(1)", "+cmd", "!bang", ".forced heading",
            "int. lowercase fake", "I/E FAKE", "EST. FAKE", "FADE TO:", "{{INCLUDE: /etc/passwd}}", "javascript:alert(1)",
            "<script>alert(1)</script>", "line1\u{0}\u{7}\n\nline2", "\u{202E}txt.exe", "[[[[double]]]]", "*/ closes /* opens",
        ]
        document.scenes.append(StoryboardDocument.Scene(
            id: 13, number: 3, setting: "INT.", location: "FAKE", timeOfDay: "NIGHT", heading: "", start: 30, end: 30 + Double(constructs.count),
            summary: "", characterIds: [],
            shots: constructs.enumerated().map { index, text in
                StoryboardDocument.Shot(
                    id: Int64(200 + index), number: 6 + index, size: "CU", angle: "", movement: "", description: text,
                    start: 30 + Double(index), end: 31 + Double(index), characterIds: [1, 2, 3], lines: []
                )
            },
            looseLines: []
        ))
        return document
    }

    /// Two episodes of the Chinese drama, given out of order (exports must sort them).
    static func chineseDrama() -> [StoryboardDocument] {
        [chinese(episode: 4), chinese(episode: 3)]
    }

    // MARK: - Skeleton

    struct Texts {
        var projectTitle: String
        var dramaTitle: String
        var episodeTitle: String
        var language: String
        var characters: [(key: String, name: String, aliases: [String], role: String)]
        var headings: [String]
        var locations: [String]
        var summaries: [String]
        var sizes: [String]
        var angles: [String]
        var movements: [String]
        var descriptions: [String]
        var lineTexts: [String]
        var deliveries: [String?]
        /// The speaker key written on line 7 when no character matches (nil: none at all).
        var unknownSpeakerKey: String?
    }

    /// Scene 1 (0–12.4 s): shots 1–3 with a dialogue line, a line with a delivery plus an
    /// off-screen line, and on-screen text. Scene 2 (12.4–30 s): shot 4 with voice-over and
    /// narration, shot 5 with an unidentified speaker whose line ends when it starts, and a
    /// line attached to no shot.
    static func document(_ texts: Texts, episode: Int) -> StoryboardDocument {
        let base = Int64(episode) * 1000
        func line(_ index: Int, scene: Int, shot: Int?, speaker: Int64?, kind: StoryboardDocument.LineKind, _ start: Double, _ end: Double)
            -> StoryboardDocument.Line
        {
            StoryboardDocument.Line(
                id: base + Int64(index), ordinal: index, key: "e\(episode)-l000\(index)", sceneNumber: scene, shotNumber: shot,
                speakerKey: speaker.map { texts.characters[Int($0) - 1].key } ?? (index == 7 ? texts.unknownSpeakerKey : nil),
                speakerId: speaker, kind: kind, delivery: texts.deliveries[index - 1], text: texts.lineTexts[index - 1],
                start: start, end: end
            )
        }
        func shot(_ number: Int, _ start: Double, _ end: Double, characters: [Int64], lines: [StoryboardDocument.Line]) -> StoryboardDocument.Shot {
            StoryboardDocument.Shot(
                id: base + 100 + Int64(number), number: number, size: texts.sizes[number - 1], angle: texts.angles[number - 1],
                movement: texts.movements[number - 1], description: texts.descriptions[number - 1], start: start, end: end,
                characterIds: characters, lines: lines
            )
        }
        let scenes = [
            StoryboardDocument.Scene(
                id: base + 11, number: 1, setting: "INT.", location: texts.locations[0], timeOfDay: "NIGHT", heading: texts.headings[0],
                start: 0, end: 12.4, summary: texts.summaries[0], characterIds: [1, 2, 3],
                shots: [
                    shot(1, 0, 3.2, characters: [1], lines: [line(1, scene: 1, shot: 1, speaker: 1, kind: .dialogue, 0.4, 2.9)]),
                    shot(2, 3.2, 7.5, characters: [2, 1], lines: [
                        line(2, scene: 1, shot: 2, speaker: 2, kind: .dialogue, 3.5, 5.0),
                        line(3, scene: 1, shot: 2, speaker: 3, kind: .offScreen, 5.2, 7.0),
                    ]),
                    shot(3, 7.5, 12.4, characters: [], lines: [line(4, scene: 1, shot: 3, speaker: nil, kind: .onScreenText, 8.0, 10.0)]),
                ],
                looseLines: []
            ),
            StoryboardDocument.Scene(
                id: base + 12, number: 2, setting: "EXT.", location: texts.locations[1], timeOfDay: "DAY", heading: texts.headings[1],
                start: 12.4, end: 30, summary: texts.summaries[1], characterIds: [1, 2],
                shots: [
                    shot(4, 12.4, 20.0, characters: [1], lines: [
                        line(5, scene: 2, shot: 4, speaker: 1, kind: .voiceOver, 13.0, 16.0),
                        line(6, scene: 2, shot: 4, speaker: nil, kind: .narration, 16.5, 19.0),
                    ]),
                    shot(5, 20.0, 28.0, characters: [1], lines: [line(7, scene: 2, shot: 5, speaker: nil, kind: .dialogue, 21.0, 21.0)]),
                ],
                looseLines: [line(8, scene: 2, shot: nil, speaker: 2, kind: .dialogue, 28.5, 29.8)]
            ),
        ]
        let characters = texts.characters.enumerated().map { index, character in
            StoryboardDocument.Character(id: Int64(index + 1), key: character.key, name: character.name, aliases: character.aliases, role: character.role)
        }
        return StoryboardDocument(
            run: StoryboardDocument.Run(
                id: base, taskId: 42, episodeId: base + 1, episodeNumber: episode, assetId: "asset-\(episode)", language: texts.language,
                transcriptSource: "asr", durationSeconds: 30, ingestedAt: Date(timeIntervalSince1970: 1_750_000_000)
            ),
            projectTitle: texts.projectTitle, dramaId: 9, dramaTitle: texts.dramaTitle, episodeTitle: texts.episodeTitle,
            characters: Dictionary(uniqueKeysWithValues: characters.map { ($0.id, $0) }), scenes: scenes
        )
    }
}
