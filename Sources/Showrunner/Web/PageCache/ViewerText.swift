import Mustache

/// Text on a page that belongs to whoever is looking at it (their CSRF token, their name),
/// not to what the page shows. The compiled templates note where each one was written
/// (`HTMLWriter.viewerHoles`), so `PageCache` can keep a page rendered for one member and
/// serve it to another with that member's own values in those places.
public struct ViewerText: Sendable, Equatable, CustomStringConvertible, MustacheCustomRenderable {
    /// Which of the viewer's values this is.
    public enum Slot: UInt8, Sendable, Equatable {
        case csrfToken, displayName, email
    }

    public let slot: Slot
    public let text: String

    public init(_ slot: Slot, _ text: String) {
        self.slot = slot
        self.text = text
    }

    /// Never the value: a `ViewerText` turned into a plain string by interpolation would reach a
    /// kept page without its hole.
    public var description: String { "ViewerText(\(slot))" }
    public var renderText: String { text }
    public var isNull: Bool { false }
}

extension ViewerText: TemplateValue {
    public typealias SectionFrame = ViewerText
    public func writeEscaped(to out: inout HTMLWriter) { out.viewer(self) }
    /// `{{{ }}}` of a viewer value: written, and the page marked as one not to keep.
    public func writeRaw(to out: inout HTMLWriter) { out.unkeptViewer(self) }
}

/// Where a `ViewerText` was written: bytes `start..<end` of the page.
public struct ViewerHole: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public let slot: ViewerText.Slot
}

/// The values of the person a page is served to, by slot.
public struct ViewerValues: Sendable, Equatable {
    public var csrfToken: String
    public var displayName: String
    public var email: String

    public init(csrfToken: String, displayName: String, email: String) {
        self.csrfToken = csrfToken
        self.displayName = displayName
        self.email = email
    }

    subscript(slot: ViewerText.Slot) -> String {
        switch slot {
        case .csrfToken: csrfToken
        case .displayName: displayName
        case .email: email
        }
    }
}
