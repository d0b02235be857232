/// The phases of a grokking run (docs/phases.md). Compression is not "everything between t_mem and
/// t_gen": it starts where the data shows it; the stretch before is `memorized`.
public enum Phase: String, Sendable, Equatable, CaseIterable {
    /// `[0, t_mem)`: train loss falls, LMN rises.
    case memorization
    /// `[t_mem, compression start)` (or to `t_gen`/now when compression is never shown): train accuracy
    /// perfect, no evidence of compression (yet).
    case memorized
    /// `[compression start, t_gen)`: LMN has dropped below its post-memorization peak and falls with
    /// test loss.
    case compression
    /// `[t_gen, end)`: test accuracy perfect.
    case generalization

    /// "memorization", "memorized (waiting)", "compression", "generalization".
    public var label: String { self == .memorized ? "memorized (waiting)" : rawValue }
}

/// Where a run stands now; each verdict's rule is a paragraph of docs/phases.md.
public enum PhaseVerdict: String, Sendable, Equatable, CaseIterable {
    /// No data yet, or fewer evaluations than one window.
    case notYet
    /// Before `t_mem`.
    case memorizing
    /// After `t_mem`, LMN measured, compression not shown (yet).
    case memorized
    /// After `t_mem`, but the stream carries no LMN.
    case compressionNotMeasured
    /// Compression confirmed and test loss still falling.
    case compressing
    /// After `t_mem`, test loss flat or rising over a long span.
    case notGeneralizing
    case generalized
    /// `t_gen` came at or right after `t_mem` (within the margin): generalized while fitting.
    case noGrokking

    /// Short human label, e.g. for a status line.
    public var label: String {
        switch self {
        case .notYet: return "not yet"
        case .memorizing: return "memorizing"
        case .memorized: return "memorized (not compressing)"
        case .compressionNotMeasured: return "memorized — compression not measured"
        case .compressing: return "compressing"
        case .notGeneralizing: return "not generalizing"
        case .generalized: return "generalized"
        case .noGrokking: return "no grokking (generalized while fitting)"
        }
    }
}

/// Test loss over the stall rule's span when it did not fall (the evidence for "not generalizing").
public struct Stall: Sendable, Equatable {
    /// Test loss at the span's start.
    public var from: StepValue
    /// Lowest test loss within the span.
    public var best: StepValue
    /// Latest test loss.
    public var to: StepValue

    public init(from: StepValue, best: StepValue, to: StepValue) {
        self.from = from
        self.best = best
        self.to = to
    }
}

/// The post-generalization LMN rise (XOR's second solution), with L2 over the same span beside it.
public struct SolutionSwitch: Sendable, Equatable {
    /// First step of the confirming window (the event's step).
    public var step: Int
    /// The post-`t_gen` LMN minimum the rise is measured from.
    public var lmnFrom: StepValue
    /// The highest LMN since (updated as the run goes on).
    public var lmnTo: StepValue
    /// L2 at `lmnFrom.step` and at `lmnTo.step`, when those evaluations carried it.
    public var l2From: Double?
    public var l2To: Double?

    /// `lmnTo / lmnFrom − 1`, `nil` when the minimum is 0.
    public var lmnRise: Double? { lmnFrom.value == 0 ? nil : lmnTo.value / lmnFrom.value - 1 }
    /// Relative change of L2 over the same span.
    public var l2Change: Double? {
        guard let a = l2From, let b = l2To, a != 0, a.isFinite, b.isFinite else { return nil }
        return b / a - 1
    }

    public init(step: Int, lmnFrom: StepValue, lmnTo: StepValue, l2From: Double?, l2To: Double?) {
        self.step = step
        self.lmnFrom = lmnFrom
        self.lmnTo = lmnTo
        self.l2From = l2From
        self.l2To = l2To
    }
}

/// A phase boundary: confirmed (the condition held for W evaluations) or tentative (holding so far).
public struct PhaseBoundary: Sendable, Equatable {
    /// First step of the window.
    public var step: Int
    /// Index (0-based, in accepted evaluations) of that first evaluation.
    public var evaluationIndex: Int
    public var isConfirmed: Bool
    /// Consecutive evaluations the condition has held for (W once confirmed).
    public var heldFor: Int
    /// Step of the confirming evaluation, when confirmed.
    public var confirmedAtStep: Int?

    public init(step: Int, evaluationIndex: Int, isConfirmed: Bool, heldFor: Int, confirmedAtStep: Int?) {
        self.step = step
        self.evaluationIndex = evaluationIndex
        self.isConfirmed = isConfirmed
        self.heldFor = heldFor
        self.confirmedAtStep = confirmedAtStep
    }
}

/// A value at a step.
public struct StepValue: Sendable, Equatable {
    public var step: Int
    public var value: Double
    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}

/// LMN across the compression window: its post-memorization peak (highest LMN measured at or after
/// `t_mem`) versus the last one measured before `t_gen` (or the latest). Never negative: a rising LMN
/// shows a drop of 0, its peak being its latest value.
public struct LMNDrop: Sendable, Equatable {
    public var start: StepValue
    public var end: StepValue
    /// `start − end` (positive when LMN fell).
    public var drop: Double { start.value - end.value }
    /// `drop / start`, `nil` when start is 0.
    public var relativeDrop: Double? { start.value == 0 ? nil : drop / start.value }

    public init(start: StepValue, end: StepValue) {
        self.start = start
        self.end = end
    }
}

/// A correlation over the compression window.
public struct Correlation: Sendable, Equatable {
    /// Pairs used (evaluations carrying both finite values).
    public var count: Int
    /// Pearson r, `nil` when `count < 3` or a variable is constant.
    public var r: Double?

    public init(count: Int, r: Double? = nil) {
        self.count = count
        self.r = r
    }
}

/// The paper's second claim, live: over evaluations in `[t_mem, now)` — or `[t_mem, t_gen)` once
/// `t_gen` is confirmed — how test loss correlates with LMN and with the L2 norm.
public struct CompressionStatistics: Sendable, Equatable {
    /// First step of the window (`t_mem`), `nil` before `t_mem` is confirmed.
    public var startStep: Int?
    /// Exclusive end (`t_gen`), `nil` while the window is open.
    public var endStep: Int?
    public var testLossVsLMN: Correlation
    public var testLossVsL2: Correlation
    public var lmnDrop: LMNDrop?

    public static let empty = CompressionStatistics(
        startStep: nil, endStep: nil, testLossVsLMN: Correlation(count: 0, r: nil),
        testLossVsL2: Correlation(count: 0, r: nil), lmnDrop: nil)

    public init(
        startStep: Int? = nil, endStep: Int? = nil, testLossVsLMN: Correlation, testLossVsL2: Correlation,
        lmnDrop: LMNDrop? = nil
    ) {
        self.startStep = startStep
        self.endStep = endStep
        self.testLossVsLMN = testLossVsLMN
        self.testLossVsL2 = testLossVsL2
        self.lmnDrop = lmnDrop
    }
}

/// Everything the detector knows, as one value (what the monitor and UI draw).
public struct PhaseReport: Sendable, Equatable {
    public var verdict: PhaseVerdict
    /// `t_mem`, confirmed or tentative.
    public var memorization: PhaseBoundary?
    /// `t_gen`, confirmed or tentative.
    public var generalization: PhaseBoundary?
    public var compression: CompressionStatistics
    /// Start of compression (first step of the confirming window), confirmed or tentative; `nil`
    /// until the rule of docs/phases.md has held at least once.
    public var compressionStart: PhaseBoundary?
    /// Highest finite LMN before `t_gen` — the peak of the memorization → compression stretch (first
    /// one on ties); over all evaluations while `t_gen` is unknown.
    public var lmnPeak: StepValue?
    /// The evidence behind `notGeneralizing`, when that is the verdict.
    public var stall: Stall?
    /// The post-generalization LMN rise, once confirmed.
    public var solutionSwitch: SolutionSwitch?
    public var evaluationCount: Int
    public var lastStep: Int?

    /// Grokking delay Δ = t_gen − t_mem, when both are confirmed.
    public var delay: Int? {
        guard let m = memorization, m.isConfirmed, let g = generalization, g.isConfirmed else { return nil }
        return g.step - m.step
    }

    /// The phase a step belongs to, by confirmed boundaries (or tentative ones too, if asked).
    /// `nil` before any data.
    public func phase(at step: Int, includingTentative: Bool = false) -> Phase? {
        guard evaluationCount > 0 else { return nil }
        func usable(_ b: PhaseBoundary?) -> Int? {
            guard let b, b.isConfirmed || includingTentative else { return nil }
            return b.step
        }
        let tMem = usable(memorization)
        let tGen = usable(generalization)
        let tComp = compressionStart?.isConfirmed == true ? compressionStart?.step : nil  // only once earned
        if let tGen, step >= tGen { return .generalization }
        if let tComp, step >= tComp, tMem.map({ tComp >= $0 }) ?? false { return .compression }
        if let tMem, step >= tMem { return .memorized }
        return .memorization
    }

    public init(
        verdict: PhaseVerdict, memorization: PhaseBoundary? = nil, generalization: PhaseBoundary? = nil,
        compression: CompressionStatistics, compressionStart: PhaseBoundary? = nil, lmnPeak: StepValue? = nil,
        stall: Stall? = nil, solutionSwitch: SolutionSwitch? = nil, evaluationCount: Int, lastStep: Int? = nil
    ) {
        self.verdict = verdict
        self.memorization = memorization
        self.generalization = generalization
        self.compression = compression
        self.compressionStart = compressionStart
        self.lmnPeak = lmnPeak
        self.stall = stall
        self.solutionSwitch = solutionSwitch
        self.evaluationCount = evaluationCount
        self.lastStep = lastStep
    }
}
