import MemoriesClient

/// Weighted choices for how a shot is framed, and the generic descriptions used when a
/// beat's own actions run out.
enum ShotFraming {
    static let dialogueSizes: [(ShotSize, Double)] = [(.cu, 0.3), (.mcu, 0.25), (.ots, 0.2), (.ms, 0.12), (.two, 0.1), (.ecu, 0.03)]
    static let actionSizes: [(ShotSize, Double)] = [(.ms, 0.3), (.mls, 0.2), (.two, 0.15), (.cu, 0.15), (.ls, 0.1), (.pov, 0.1)]
    static let establishingSizes: [(ShotSize, Double)] = [(.els, 0.6), (.ls, 0.4)]
    static let angles: [(CameraAngle, Double)] = [(.eyeLevel, 0.6), (.low, 0.12), (.high, 0.12), (.overhead, 0.06), (.dutch, 0.1)]
    static let movements: [(CameraMovement, Double)] = [(.static, 0.45), (.handheld, 0.15), (.dolly, 0.15), (.pan, 0.1), (.zoom, 0.08), (.tilt, 0.07)]
    static let establishingMovements: [(CameraMovement, Double)] = [(.crane, 0.3), (.pan, 0.3), (.dolly, 0.2), (.static, 0.2)]

    /// `{X}` is the character on screen; close framings.
    static let speakingClose: [Bilingual] = [
        Bilingual("{X}的近景，眼神锐利。", "Close on {X}, eyes sharp."),
        Bilingual("{X}开口，语气不容置疑。", "{X} speaks, leaving no room for argument."),
        Bilingual("{X}压低声音说话。", "{X} lowers their voice."),
        Bilingual("{X}顿了顿，才继续说下去。", "{X} pauses before going on."),
    ]
    /// Wider framings, over-the-shoulder and two-shots.
    static let speakingWide: [Bilingual] = [
        Bilingual("越过{Y}的肩膀看向{X}。", "Over {Y}'s shoulder onto {X}."),
        Bilingual("{X}与{Y}对峙，空气凝固。", "{X} faces {Y}; the air freezes."),
        Bilingual("{X}抬起头，直视{Y}。", "{X} looks up and meets {Y}'s gaze."),
    ]
    static let reacting: [Bilingual] = [
        Bilingual("{X}愣住了，一时说不出话。", "{X} freezes, speechless."),
        Bilingual("{X}咬紧嘴唇，强忍泪水。", "{X} bites her lip, holding back tears."),
        Bilingual("{X}嘴角微微上扬。", "The corner of {X}'s mouth lifts slightly."),
        Bilingual("{X}握紧拳头。", "{X} clenches a fist."),
        Bilingual("{X}缓缓转身。", "{X} slowly turns around."),
        Bilingual("{X}的眼中闪过一丝慌乱。", "A flicker of panic crosses {X}'s eyes."),
    ]
}
