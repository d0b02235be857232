import Snapshots

extension PhaseDetector {
    /// The kind of the events the detector writes back into a stream.
    public static let eventKind = "phase"

    /// Events decided since the last call (boundaries confirmed, the verdict), oldest first. They can
    /// be written into the stream as records; each carries the boundary's first step.
    public mutating func takeNewEvents() -> [RunEvent] {
        defer { newEvents = [] }
        return newEvents
    }

    func memorizationEvent() -> RunEvent {
        let r = report
        guard let m = r.memorization else { return RunEvent(step: lastStep ?? 0, kind: Self.eventKind, message: "memorized") }
        var message = "memorized at step \(m.step) (\(conditionText(memorizationCondition?.description)) for \(rules.windowLength) evals)"
        if let g = r.generalization, g.isConfirmed {
            message += "; " + noGrokkingSuffix(memorization: m, generalization: g)
        }
        return RunEvent(step: m.step, kind: Self.eventKind, message: message)
    }

    func generalizationEvent() -> RunEvent {
        let r = report
        guard let g = r.generalization else { return RunEvent(step: lastStep ?? 0, kind: Self.eventKind, message: "generalized") }
        var message = "generalized at step \(g.step) (\(conditionText(generalizationCondition?.description)) for \(rules.windowLength) evals)"
        if let m = r.memorization, m.isConfirmed {
            message += "; " + noGrokkingSuffix(memorization: m, generalization: g)
        } else {
            message += "; no grokking (generalized while fitting: not yet memorized)"
        }
        return RunEvent(step: g.step, kind: Self.eventKind, message: message)
    }

    private func noGrokkingSuffix(memorization m: PhaseBoundary, generalization g: PhaseBoundary) -> String {
        isWithinMargin(memorization: m, generalization: g)
            ? "no grokking (generalized while fitting, Δ = \(g.step - m.step) steps)"
            : "grokking delay Δ = \(g.step - m.step) steps"
    }

    private func conditionText(_ text: String?) -> String { text ?? "condition held" }
}
