/// Tracks whether a condition has held for `length` consecutive evaluations. The boundary it reports
/// is the first evaluation of the first such window (not the confirming one), and it is latched:
/// once confirmed it never moves.
public struct StableWindow: Sendable, Equatable {
    public let length: Int
    /// The current streak (tentative while shorter than `length`), or the confirmed window.
    public private(set) var start: (step: Int, index: Int)?
    /// Consecutive evaluations for which the condition held so far (capped at `length` once confirmed).
    public private(set) var heldFor: Int = 0
    /// Step of the evaluation that confirmed the window.
    public private(set) var confirmedAtStep: Int?

    public var isConfirmed: Bool { confirmedAtStep != nil }

    public init(length: Int) { self.length = max(1, length) }

    /// Feeds one evaluation. `holds == nil` means the evaluation does not carry the metric: neutral.
    /// Returns `true` exactly once, on the evaluation that confirms the window.
    public mutating func feed(step: Int, index: Int, holds: Bool?) -> Bool {
        guard !isConfirmed, let holds else { return false }
        guard holds else {
            start = nil
            heldFor = 0
            return false
        }
        if start == nil { start = (step, index) }
        heldFor += 1
        if heldFor >= length {
            confirmedAtStep = step
            return true
        }
        return false
    }

    public static func == (a: StableWindow, b: StableWindow) -> Bool {
        a.length == b.length && a.start?.step == b.start?.step && a.start?.index == b.start?.index
            && a.heldFor == b.heldFor && a.confirmedAtStep == b.confirmedAtStep
    }
}
