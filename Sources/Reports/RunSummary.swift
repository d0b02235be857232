import Foundation
import Phases
import Snapshots

/// The headline figures of a run: phases, grokking delay, LMN peak and drop, the compression-window
/// correlations, final metrics. One value, rendered as text for people and JSON for scripts.
public struct RunSummary: Sendable, Equatable {
    public var name: String
    public var task: String
    public var probeSize: Int?
    public var evaluations: Int
    public var lastStep: Int?
    public var end: EndStatus?
    public var phases: PhaseReport
    /// The last value of each metric (non-finite included: a diverged run says so).
    public var final: [String: Double]
    /// Test loss against LMN and L2 over the compression window, with linearity (docs/linearity.md).
    public var scatter: CompressionScatter?
    /// First evaluated step (phase spans start here).
    public var firstStep: Int?

    public init(header: RunHeader?, evaluations: [Evaluation], end: RunEnd?, rules: PhaseRules = .paper) {
        var detector = PhaseDetector(rules: rules)
        var final: [String: Double] = [:]
        for evaluation in evaluations {
            detector.ingest(evaluation)
            final.merge(evaluation.metrics) { $1 }
        }
        self.name = header?.name.sanitized ?? "(no header)"
        self.task = header?.task.sanitized ?? "?"
        self.probeSize = header?.probeSize
        self.evaluations = evaluations.count
        self.lastStep = evaluations.last?.step
        self.firstStep = evaluations.first?.step
        self.end = end?.status
        self.phases = detector.report
        self.final = final
        self.scatter = CompressionScatter.build(
            samples: evaluations.lazy.compactMap(PairedSample.init), report: detector.report)
    }

    /// Lines for a terminal; every stream-supplied string is already sanitized.
    public var text: String {
        let p = phases
        var lines = ["run        \(name) — \(task)"]
        lines.append("verdict    \(p.verdict.label)")
        lines.append("phases     \(spans.isEmpty ? "—" : spans.map(Self.describe).joined(separator: ", "))")
        lines.append("t_mem      \(boundary(p.memorization))")
        lines.append("compress   \(p.compressionStart.flatMap { $0.isConfirmed ? "step \($0.step)" : nil } ?? "—")")
        lines.append("t_gen      \(boundary(p.generalization))")
        lines.append("delay      \(p.delay.map { "\($0) steps" } ?? "—")")
        let n = probeSize.map { " (N = \($0))" } ?? ""
        lines.append("LMN peak   \(p.lmnPeak.map { "\(number($0.value)) at step \($0.step)\(n)" } ?? "—")")
        if let drop = p.compression.lmnDrop {
            let rel = drop.relativeDrop.map { String(format: " (%.0f%%)", $0 * 100) } ?? ""
            lines.append(
                "LMN drop   \(number(drop.start.value)) → \(number(drop.end.value))\(rel) "
                    + "over steps \(drop.start.step)–\(drop.end.step)")
        } else {
            lines.append("LMN drop   —")
        }
        if let stall = p.stall {
            lines.append(
                "stalled    test loss \(number(stall.from.value)) at step \(stall.from.step), lowest since "
                    + "\(number(stall.best.value)), now \(number(stall.to.value)) at step \(stall.to.step)")
        }
        lines.append("switch     \(p.solutionSwitch.map(PhaseDetector.describe) ?? "—")")
        lines.append("r(test loss, LMN)  \(correlation(p.compression.testLossVsLMN))")
        lines.append("r(test loss, L2)   \(correlation(p.compression.testLossVsL2))")
        let shown = CSVWriter.columnOrder(Set(final.keys)).filter { !$0.hasPrefix("l2/") }
        lines.append("final      " + shown.map { "\(Self.clean($0)) \(number(final[$0]!))" }.joined(separator: "  "))
        lines.append("ended      \(end?.rawValue ?? "no end record (still running, or the writer died)")")
        lines.append("records    \(evaluations) evaluations, last step \(lastStep.map(String.init) ?? "—")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON object (keys sorted) for scripts; non-finite numbers become `null`.
    public var json: String {
        let p = phases
        func num(_ v: Double?) -> Any { v.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
        var object: [String: Any] = [
            "name": name, "task": task, "evaluations": evaluations,
            "verdict": p.verdict.rawValue,
            "verdict_label": p.verdict.label,
            "phases": spans.map { span in
                [
                    "phase": span.phase.rawValue, "from_step": span.steps.lowerBound,
                    "to_step": span.steps.upperBound,
                ] as [String: Any]
            },
            "compression_start": p.compressionStart.flatMap { $0.isConfirmed ? $0.step : nil } ?? NSNull(),
            "solution_switch": p.solutionSwitch.map { s in
                [
                    "step": s.step, "lmn_from": num(s.lmnFrom.value), "lmn_from_step": s.lmnFrom.step,
                    "lmn_to": num(s.lmnTo.value), "lmn_to_step": s.lmnTo.step, "lmn_rise": num(s.lmnRise),
                    "l2_from": num(s.l2From), "l2_to": num(s.l2To), "l2_change": num(s.l2Change),
                ] as [String: Any]
            } ?? NSNull(),
            "stall": p.stall.map { s in
                [
                    "from_step": s.from.step, "from": num(s.from.value), "best": num(s.best.value),
                    "to_step": s.to.step, "to": num(s.to.value),
                ] as [String: Any]
            } ?? NSNull(),
            "t_mem": p.memorization.flatMap { $0.isConfirmed ? $0.step : nil } ?? NSNull(),
            "t_gen": p.generalization.flatMap { $0.isConfirmed ? $0.step : nil } ?? NSNull(),
            "delay": p.delay ?? NSNull(),
            "lmn_peak": p.lmnPeak.map { ["step": $0.step, "value": num($0.value)] as [String: Any] } ?? NSNull(),
            "r_test_loss_lmn": num(p.compression.testLossVsLMN.r),
            "r_test_loss_l2": num(p.compression.testLossVsL2.r),
            "final": final.mapValues { num($0) },
            "end": end?.rawValue ?? NSNull(),
            "probe_size": probeSize ?? NSNull(),
            "last_step": lastStep ?? NSNull(),
        ]
        if let drop = p.compression.lmnDrop {
            object["lmn_drop"] =
                [
                    "from": num(drop.start.value), "to": num(drop.end.value), "from_step": drop.start.step,
                    "to_step": drop.end.step, "relative": num(drop.relativeDrop),
                ] as [String: Any]
        }
        object["linearity"] = scatter.map(Self.linearityJSON) ?? NSNull()
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `{"window": {"from", "to"}, "lmn": {...}, "l2": {...}}`, each fit with n, slope, intercept, r2,
    /// monotone_r2, score and a status (fitted, not_enough_data, constant).
    static func linearityJSON(_ scatter: CompressionScatter) -> [String: Any] {
        func num(_ v: Double?) -> Any { v.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
        func fit(_ series: ScatterSeries) -> [String: Any] {
            let f = series.linearity.fit
            let status: String
            switch series.linearity {
            case .fitted: status = "fitted"
            case .notEnoughData: status = "not_enough_data"
            case .constant: status = "constant"
            }
            return [
                "status": status, "n": series.linearity.count, "slope": num(f?.slope),
                "intercept": num(f?.intercept), "r2": num(f?.linearR2), "monotone_r2": num(f?.monotoneR2),
                "score": num(f?.score),
            ]
        }
        return [
            "window": ["from": scatter.startStep, "to": scatter.endStep ?? NSNull()] as [String: Any],
            "lmn": fit(scatter.lmn), "l2": fit(scatter.l2),
        ]
    }

    /// The run's phases with their step ranges, from the detector's spans (what the figure draws).
    public var spans: [PhaseSpan] {
        guard let firstStep, let lastStep else { return [] }
        return phases.spans(first: firstStep, last: lastStep)
    }

    /// "memorization 0–149"
    static func describe(_ span: PhaseSpan) -> String {
        "\(span.phase.label) \(span.steps.lowerBound)–\(span.steps.upperBound)"
    }

    private func boundary(_ b: PhaseBoundary?) -> String {
        guard let b else { return "—" }
        return b.isConfirmed ? "step \(b.step)" : "step \(b.step)? (held \(b.heldFor) evals, not yet confirmed)"
    }

    private func correlation(_ c: Correlation) -> String {
        guard let r = c.r else { return "— (\(c.count) evals)" }
        return String(format: "%+.3f over %d evals", r, c.count)
    }

    private func number(_ v: Double) -> String {
        if !v.isFinite { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        return abs(v) >= 1000 || (abs(v) < 0.01 && v != 0) ? String(format: "%.3g", v) : String(format: "%.4g", v)
    }

    /// Metric names come from the stream: keep them printable.
    static func clean(_ s: String) -> String { UntrustedText(s).sanitized }
}
