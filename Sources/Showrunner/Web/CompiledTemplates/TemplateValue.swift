import Foundation

/// A value a compiled template prints or tests, with swift-mustache's rules, resolved by the
/// compiler instead of by casts at run time. Only values without children conform: view
/// models are walked by the generated code itself, so a view model used where the compiler
/// expected a plain value fails to compile instead of rendering differently.
public protocol TemplateValue {
    /// What a section pushes for this value (Mustache pushes the element of an array).
    associatedtype SectionFrame: TemplateValue
    /// `{{x}}`.
    func writeEscaped(to out: inout HTMLWriter)
    /// `{{{x}}}`.
    func writeRaw(to out: inout HTMLWriter)
    /// False only for nil, which makes a lookup climb to the enclosing context.
    var templateIsPresent: Bool { get }
    /// `{{#x}}`: calls `body` once per rendering of the section (0 for false and empty).
    func forEachSectionFrame(_ body: (SectionFrame) -> Void)
    /// `{{^x}}` renders (for a present value): false and empty arrays.
    var templateInvertedRenders: Bool { get }
    /// True when a section over this value renders with the context unchanged (Bool): a
    /// `{{.name}}` inside it then reads the enclosing context, not the pushed frame.
    static var templateSectionKeepsContext: Bool { get }
}

extension TemplateValue {
    public static var templateSectionKeepsContext: Bool { false }
}

extension TemplateValue where SectionFrame == Self {
    public var templateIsPresent: Bool { true }
    public func forEachSectionFrame(_ body: (Self) -> Void) { body(self) }
    public var templateInvertedRenders: Bool { false }
}

extension TemplateValue where Self: CustomStringConvertible, SectionFrame == Self {
    public func writeEscaped(to out: inout HTMLWriter) { out.escaped(description) }
    public func writeRaw(to out: inout HTMLWriter) { out.raw(description) }
}

extension String: TemplateValue {
    public func writeEscaped(to out: inout HTMLWriter) { out.escaped(self) }
    public func writeRaw(to out: inout HTMLWriter) { out.raw(self) }
}

extension Substring: TemplateValue {
    public func writeEscaped(to out: inout HTMLWriter) { out.escaped(self) }
    public func writeRaw(to out: inout HTMLWriter) { out.raw(String(self)) }
}

extension Int: TemplateValue {}
extension Int64: TemplateValue {}
extension Double: TemplateValue {}
extension PrerenderedHTML: TemplateValue {}

extension Bool: TemplateValue {
    // A true section renders once with the context unchanged; the pushed frame has no
    // children, so lookups inside it climb exactly as if nothing were pushed.
    public func forEachSectionFrame(_ body: (Bool) -> Void) { if self { body(self) } }
    public var templateInvertedRenders: Bool { !self }
    public static var templateSectionKeepsContext: Bool { true }
}

extension Optional: TemplateValue where Wrapped: TemplateValue {
    public typealias SectionFrame = Wrapped.SectionFrame
    public func writeEscaped(to out: inout HTMLWriter) { self?.writeEscaped(to: &out) }
    public func writeRaw(to out: inout HTMLWriter) { self?.writeRaw(to: &out) }
    public var templateIsPresent: Bool { self != nil }
    public func forEachSectionFrame(_ body: (Wrapped.SectionFrame) -> Void) { self?.forEachSectionFrame(body) }
    public var templateInvertedRenders: Bool { self.map(\.templateInvertedRenders) ?? true }
}

extension Array: TemplateValue where Element: TemplateValue {
    public typealias SectionFrame = Element
    public func writeEscaped(to out: inout HTMLWriter) { out.escaped(String(describing: self)) }
    public func writeRaw(to out: inout HTMLWriter) { out.raw(String(describing: self)) }
    public var templateIsPresent: Bool { true }
    public func forEachSectionFrame(_ body: (Element) -> Void) { for element in self { body(element) } }
    public var templateInvertedRenders: Bool { isEmpty }
}
