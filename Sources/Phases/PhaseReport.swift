/// The three phases of a grokking run (DESIGN.md §2.1).
public enum Phase: String, Sendable, Equatable, CaseIterable {
    /// `[0, t_mem)`: train loss falls, LMN rises.
    case memorization
    /// `[t_mem, t_gen)`: train accuracy perfect, test poor; LMN falls with test loss.
    case compression
    /// `[t_gen, end)`: test accuracy perfect.
    case generalization
}

/// Where a run stands now.
public enum PhaseVerdict: String, Sendable, Equatable {
    /// No data yet, or fewer evaluations than one window.
    case notYet
    case memorizing
    case compressing
    case generalized
    /// `t_gen` came at or right after `t_mem` (within the margin): generalized while fitting.
    case noGrokking

    /// Short human label, e.g. for a status line.
    public var label: String {
        switch self {
        case .notYet: return "not yet"
        case .memorizing: return "memorizing"
        case .compressing: return "compressing"
        case .generalized: return "generalized"
        case .noGrokking: return "no grokking (generalized while fitting)"
        }
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

/// LMN across the compression window: first LMN measured at or after `t_mem` versus the last one
/// measured before `t_gen` (or the latest, while compression is ongoing).
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
    /// Highest finite LMN over all evaluations (first one on ties).
    public var lmnPeak: StepValue?
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
        if let tGen, step >= tGen { return .generalization }
        if let tMem, step >= tMem { return .compression }
        return .memorization
    }

    public init(
        verdict: PhaseVerdict, memorization: PhaseBoundary? = nil, generalization: PhaseBoundary? = nil,
        compression: CompressionStatistics, lmnPeak: StepValue? = nil, evaluationCount: Int,
        lastStep: Int? = nil
    ) {
        self.verdict = verdict
        self.memorization = memorization
        self.generalization = generalization
        self.compression = compression
        self.lmnPeak = lmnPeak
        self.evaluationCount = evaluationCount
        self.lastStep = lastStep
    }
}
