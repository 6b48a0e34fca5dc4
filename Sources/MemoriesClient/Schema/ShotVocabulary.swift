/// Shot size, the way script supervisors abbreviate it.
public enum ShotSize: String, Codable, Sendable, CaseIterable {
    /// Extreme close-up.
    case ecu = "ECU"
    /// Close-up.
    case cu = "CU"
    /// Medium close-up.
    case mcu = "MCU"
    /// Medium shot.
    case ms = "MS"
    /// Medium long ("cowboy").
    case mls = "MLS"
    /// Long / full shot.
    case ls = "LS"
    /// Extreme long / establishing.
    case els = "ELS"
    /// Two-shot.
    case two = "TWO"
    /// Over the shoulder.
    case ots = "OTS"
    /// Point of view.
    case pov = "POV"
    /// A detail: a phone screen, a document.
    case insert = "INSERT"
}

/// Camera angle.
public enum CameraAngle: String, Codable, Sendable, CaseIterable {
    case eyeLevel = "eye_level"
    case high
    case low
    case overhead
    case dutch
}

/// Camera movement.
public enum CameraMovement: String, Codable, Sendable, CaseIterable {
    case `static`
    case pan
    case tilt
    case dolly
    case handheld
    case zoom
    case crane
}

/// Interior / exterior part of a scene heading.
public enum SceneSetting: String, Codable, Sendable, CaseIterable {
    case interior = "INT."
    case exterior = "EXT."
    case interiorExterior = "INT./EXT."
}

/// Time-of-day part of a scene heading.
public enum TimeOfDay: String, Codable, Sendable, CaseIterable {
    case day = "DAY"
    case night = "NIGHT"
    case dawn = "DAWN"
    case dusk = "DUSK"
    case continuous = "CONTINUOUS"
    case later = "LATER"
}

/// What kind of line a transcript entry is.
public enum LineKind: String, Codable, Sendable, CaseIterable {
    case dialogue
    /// V.O.: the speaker is not in the scene (thoughts, a recorded voice).
    case voiceOver = "voice_over"
    /// O.S.: the speaker is in the scene but off camera.
    case offScreen = "off_screen"
    case narration
    /// Captions, chat messages, a phone screen.
    case onScreenText = "on_screen_text"
}

/// How much of the drama a character carries.
public enum CharacterRole: String, Codable, Sendable, CaseIterable {
    case lead
    case supporting
    case extra
}
