import Snapshots

extension PhaseDetector {
    /// The kind of the events the detector writes back into a stream.
    public static let eventKind = "phase"

    /// Events decided since the last call (boundaries confirmed, with the verdict once both are
    /// known), oldest first, each at its boundary's first step — ready to write into the stream.
    public mutating func takeNewEvents() -> [RunEvent] {
        defer { newEvents = [] }
        return newEvents
    }

    /// "memorized at step 150 (train acc ≥ 1.00 for 3 evals)"
    func memorizationEvent() -> RunEvent {
        let r = report
        let m = r.memorization!  // just confirmed
        var message = "memorized at step \(m.step) (\(describe(memorizationCondition)))"
        if let g = r.generalization, g.isConfirmed {
            message += "; " + verdictText(memorization: m, generalization: g)
        }
        return RunEvent(step: m.step, kind: Self.eventKind, message: message)
    }

    /// "generalized at step 6050 (test acc ≥ 1.00 for 3 evals); grokking delay Δ = 5900 steps"
    func generalizationEvent() -> RunEvent {
        let r = report
        let g = r.generalization!  // just confirmed
        var message = "generalized at step \(g.step) (\(describe(generalizationCondition)))"
        if let m = r.memorization, m.isConfirmed {
            message += "; " + verdictText(memorization: m, generalization: g)
        } else {
            message += "; no grokking (generalized while fitting: not yet memorized)"
        }
        return RunEvent(step: g.step, kind: Self.eventKind, message: message)
    }

    private func verdictText(memorization m: PhaseBoundary, generalization g: PhaseBoundary) -> String {
        isWithinMargin(memorization: m, generalization: g)
            ? "no grokking (generalized while fitting, Δ = \(g.step - m.step) steps)"
            : "grokking delay Δ = \(g.step - m.step) steps"
    }

    private func describe(_ condition: MetricCondition?) -> String {
        "\(condition?.description ?? "condition held") for \(rules.windowLength) evals"
    }
}
