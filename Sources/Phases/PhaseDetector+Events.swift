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

    /// "compressing from step 2000 (LMN 4.38, 13% below its post-memorization peak 5.05 at step 500,
    /// falling with test loss for 3 LMN evals)"
    func compressionEvent(confirmedBy sample: WindowSample) -> RunEvent {
        let start = compressionTracker.window.start?.step ?? lastStep ?? 0
        var message = "compressing from step \(start)"
        if let peak = compressionTracker.peak, let lmn = sample.lmn, peak.value > 0 {
            message +=
                " (LMN \(Self.number(lmn)), \(Self.percent(1 - lmn / peak.value)) below its post-memorization peak "
                + "\(Self.number(peak.value)) at step \(peak.step), falling with test loss for "
                + "\(rules.compression.window) LMN evals)"
        }
        return RunEvent(step: start, kind: Self.eventKind, message: message)
    }

    /// "solution switch at step 9000: LMN 4.95 → 6.10 (+23%) since step 7000 with test accuracy held;
    /// L2 27.1 → 26.0 (-4%)"
    func solutionSwitchEvent() -> RunEvent {
        guard let s = switchTracker.found else {
            return RunEvent(step: lastStep ?? 0, kind: Self.eventKind, message: "")
        }
        return RunEvent(step: s.step, kind: Self.eventKind, message: Self.describe(s))
    }

    /// The switch in words (also used by reports).
    public static func describe(_ s: SolutionSwitch) -> String {
        var text =
            "solution switch at step \(s.step): LMN \(number(s.lmnFrom.value)) → \(number(s.lmnTo.value))"
        if let rise = s.lmnRise { text += " (\(signedPercent(rise)))" }
        text += " over steps \(s.lmnFrom.step)–\(s.lmnTo.step) with test accuracy held"
        if let a = s.l2From, let b = s.l2To {
            text += "; L2 \(number(a)) → \(number(b))"
            if let change = s.l2Change { text += " (\(signedPercent(change)))" }
        }
        return text
    }

    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        let rounded = (v * 100).rounded() / 100
        return formatThreshold(rounded)
    }

    static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    static func signedPercent(_ fraction: Double) -> String {
        let p = Int((fraction * 100).rounded())
        return p >= 0 ? "+\(p)%" : "\(p)%"
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
