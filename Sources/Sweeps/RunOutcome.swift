import Phases
import Snapshots

/// What became of one run, for the sweep's progress lines, the runs table and the phase diagram
/// (docs/sweeps.md). Decided from the phase detector's report and the stream's end record only.
public enum RunOutcome: String, Sendable, Equatable, CaseIterable {
    /// Train accuracy (or loss) never met the memorization rule.
    case noMemorization = "no memorization"
    /// Memorized, never generalized.
    case memorizedOnly = "memorized only"
    /// Generalized long after memorizing: grokking, with a delay.
    case grokked
    /// Generalized while fitting (t_gen within the no-grokking margin of t_mem): comprehension without delay.
    case noDelay = "generalized without delay"
    /// The run ended diverged (non-finite loss).
    case diverged
    /// The trainer ended with an error of its own (end status `failed`, e.g. a Python exception).
    case failed

    /// One character per outcome for the phase diagram's cells and legends ("." while unfinished).
    public static func letter(_ outcome: RunOutcome?) -> String {
        switch outcome {
        case nil: return "."
        case .noMemorization?: return "N"
        case .memorizedOnly?: return "M"
        case .grokked?: return "G"
        case .noDelay?: return "="
        case .diverged?: return "!"
        case .failed?: return "x"
        }
    }

    public static func classify(report: PhaseReport, end: RunEnd?) -> RunOutcome {
        if end?.status == .diverged { return .diverged }
        if end?.status == .failed { return .failed }
        guard let memorization = report.memorization, memorization.isConfirmed else {
            // Generalization without a confirmed memorization still counts as generalizing without delay.
            if report.generalization?.isConfirmed == true { return .noDelay }
            return .noMemorization
        }
        guard report.generalization?.isConfirmed == true else { return .memorizedOnly }
        return report.verdict == .noGrokking ? .noDelay : .grokked
    }
}
