import Foundation

/// Producers' words for shot sizes, angles, movements and line kinds (storyboard-domain.md).
/// Unknown codes are shown as written.
enum ShotVocabulary {
    static func size(_ code: String) -> String {
        switch code {
        case "ECU": "Extreme close-up"
        case "CU": "Close-up"
        case "MCU": "Medium close-up"
        case "MS": "Medium shot"
        case "MLS": "Medium long shot"
        case "LS": "Long shot"
        case "ELS": "Extreme long shot"
        case "TWO": "Two-shot"
        case "OTS": "Over the shoulder"
        case "POV": "Point of view"
        case "INSERT": "Insert"
        default: code
        }
    }

    static func angle(_ code: String) -> String {
        switch code {
        case "eye_level": "eye level"
        case "high": "high angle"
        case "low": "low angle"
        case "overhead": "overhead"
        case "dutch": "Dutch angle"
        default: code
        }
    }

    static func movement(_ code: String) -> String {
        code == "static" ? "static" : code.replacingOccurrences(of: "_", with: " ")
    }

    /// `CU · low angle · dolly`: what a storyboard column shows.
    static func framing(_ shot: StoryboardDocument.Shot) -> String {
        "\(shot.size) · \(angle(shot.angle)) · \(movement(shot.movement))"
    }
}

extension StoryboardDocument.LineKind {
    var label: String {
        switch self {
        case .dialogue: "Dialogue"
        case .voiceOver: "V.O."
        case .offScreen: "O.S."
        case .narration: "Narration"
        case .onScreenText: "On-screen text"
        }
    }
}
