import Snapshots

/// The online phase detector: a small value type fed one evaluation at a time, a pure function of the
/// series it has seen (so a live run, a `watch` and a `replay` agree, however records are chunked).
///
/// Evaluations must arrive in increasing step order; one whose step is not greater than the last
/// accepted step is ignored and counted in `ignoredEvaluations`.
public struct PhaseDetector: Sendable {
    public let rules: PhaseRules
    private var memorizationWindow: StableWindow
    private var generalizationWindow: StableWindow
    /// Which condition decided each boundary (for messages: accuracy or loss fallback).
    var memorizationCondition: MetricCondition?
    var generalizationCondition: MetricCondition?

    public private(set) var evaluationCount = 0
    public private(set) var lastStep: Int?
    public private(set) var ignoredEvaluations = 0
    /// Whether any evaluation so far carried LMN (else compression is "not measured").
    private var streamHasLMN = false
    /// LMN peak before the current tentative `t_gen` streak, and inside it (dropped if it confirms).
    private var committedPeak: StepValue?
    private var pendingPeak: StepValue?
    var compressionTracker: CompressionTracker
    private var stallTracker: StallTracker
    var switchTracker: SolutionSwitchTracker

    /// The last W samples, so a window confirmed late can be counted from its first step.
    private var recent: [WindowSample] = []
    /// Compression samples before the current tentative `t_gen` streak (final once `t_gen` is confirmed).
    private var committed = CompressionAccumulator()
    /// Samples inside the current tentative `t_gen` streak: in the live window, out of it if confirmed.
    private var pending: [WindowSample] = []

    var newEvents: [RunEvent] = []
    private var watched: WatchedMetrics

    public init(rules: PhaseRules = .paper) {
        self.rules = rules
        watched = WatchedMetrics(rules: rules)
        memorizationWindow = StableWindow(length: rules.windowLength)
        generalizationWindow = StableWindow(length: rules.windowLength)
        compressionTracker = CompressionTracker(rule: rules.compression)
        stallTracker = StallTracker(rule: rules.stall)
        switchTracker = SolutionSwitchTracker(rule: rules.solutionSwitch)
    }

    /// Feeds one record; only evaluations matter.
    public mutating func ingest(_ record: Record) {
        if case .evaluation(let evaluation) = record { ingest(evaluation) }
    }

    public mutating func ingest<S: Sequence>(contentsOf records: S) where S.Element == Record {
        for record in records { ingest(record) }
    }

    /// Feeds one evaluation.
    public mutating func ingest(_ evaluation: Evaluation) {
        if let lastStep, evaluation.step <= lastStep {
            ignoredEvaluations += 1
            return
        }
        let index = evaluationCount
        evaluationCount += 1
        lastStep = evaluation.step
        watched.extract(from: evaluation)
        let memCheck = rules.memorization.check(
            primaryValue: watched[WatchedMetrics.memorizationPrimary],
            fallbackValue: watched[WatchedMetrics.memorizationFallback])
        let genCheck = rules.generalization.check(
            primaryValue: watched[WatchedMetrics.generalizationPrimary],
            fallbackValue: watched[WatchedMetrics.generalizationFallback])
        let sample = WindowSample(
            step: evaluation.step, index: index, testLoss: watched[WatchedMetrics.testLoss],
            lmn: watched[WatchedMetrics.lmn], l2: watched[WatchedMetrics.l2], generalizationHolds: genCheck?.holds)
        if sample.lmn != nil { streamHasLMN = true }
        recent.append(sample)
        if recent.count > rules.windowLength { recent.removeFirst() }

        let wasMemorized = memorizationWindow.isConfirmed
        let wasGeneralized = generalizationWindow.isConfirmed
        if memorizationWindow.feed(step: evaluation.step, index: index, holds: memCheck?.holds) {
            memorizationCondition = memCheck?.condition
            newEvents.append(memorizationEvent())
        }
        if generalizationWindow.feed(step: evaluation.step, index: index, holds: genCheck?.holds) {
            generalizationCondition = genCheck?.condition
            newEvents.append(generalizationEvent())
        }
        updatePeak(with: sample, wasGeneralized: wasGeneralized)
        updateCompressionWindow(with: sample, justMemorized: !wasMemorized && memorizationWindow.isConfirmed)
        updateSolutionSwitch(with: sample, justGeneralized: !wasGeneralized && generalizationWindow.isConfirmed)
    }

    /// The LMN peak of the memorization → compression stretch: samples inside a tentative `t_gen`
    /// streak are held apart, and dropped if the streak confirms.
    private mutating func updatePeak(with sample: WindowSample, wasGeneralized: Bool) {
        guard !wasGeneralized else { return }
        if generalizationWindow.isConfirmed {
            pendingPeak = nil
            return
        }
        let inStreak = generalizationWindow.start.map { sample.step >= $0.step } ?? false
        if !inStreak, let p = pendingPeak {
            if p.value > (committedPeak?.value ?? -.infinity) { committedPeak = p }
            pendingPeak = nil
        }
        guard let lmn = sample.lmn, lmn.isFinite else { return }
        let point = StepValue(step: sample.step, value: lmn)
        if inStreak {
            if lmn > (pendingPeak?.value ?? -.infinity) { pendingPeak = point }
        } else if lmn > (committedPeak?.value ?? -.infinity) {
            committedPeak = point
        }
    }

    /// After `t_gen`: watches for the solution switch (samples of the confirming window replayed).
    private mutating func updateSolutionSwitch(with sample: WindowSample, justGeneralized: Bool) {
        guard generalizationWindow.isConfirmed, let tGen = generalizationWindow.start?.step else { return }
        guard justGeneralized else { return watchSwitch(sample) }
        for s in recent where s.step >= tGen { watchSwitch(s) }
    }

    private mutating func watchSwitch(_ s: WindowSample) {
        if switchTracker.feed(s, generalizationHolds: s.generalizationHolds) { newEvents.append(solutionSwitchEvent()) }
    }

    /// Routes samples of `[t_mem, …)` to the committed statistics or to the pending tentative `t_gen`
    /// streak, so that the window can end exactly at the first step of `t_gen`'s stable window.
    private mutating func updateCompressionWindow(with sample: WindowSample, justMemorized: Bool) {
        guard memorizationWindow.isConfirmed, let tMem = memorizationWindow.start?.step else { return }
        if generalizationWindow.isConfirmed {
            pending = []  // the window is closed; samples from t_gen on never count
            return
        }
        // No array on the per-evaluation path: a replay feeds millions of evaluations.
        guard justMemorized else { return accumulate(sample) }
        for s in recent where s.step >= tMem { accumulate(s) }
    }

    private mutating func accumulate(_ s: WindowSample) {
        route(s)
        stallTracker.feed(step: s.step, testLoss: s.testLoss)
        if compressionTracker.feed(s) { newEvents.append(compressionEvent(confirmedBy: s)) }
    }

    private mutating func route(_ s: WindowSample) {
        if let streakStart = generalizationWindow.start?.step, s.step >= streakStart {
            pending.append(s)
        } else {
            if !pending.isEmpty {
                for p in pending { committed.add(p) }
                pending.removeAll(keepingCapacity: true)
            }
            committed.add(s)
        }
    }

    /// Everything known so far.
    public var report: PhaseReport {
        let memorization = boundary(memorizationWindow)
        let generalization = boundary(generalizationWindow)
        var live = committed
        var endStep: Int?
        if generalizationWindow.isConfirmed {
            endStep = generalizationWindow.start?.step
        } else {
            for p in pending { live.add(p) }
        }
        let tMem = memorizationWindow.isConfirmed ? memorizationWindow.start?.step : nil
        let compression =
            tMem == nil
            ? CompressionStatistics.empty
            : live.statistics(startStep: tMem, endStep: endStep)
        var peak = committedPeak
        if !generalizationWindow.isConfirmed, let p = pendingPeak, p.value > (peak?.value ?? -.infinity) { peak = p }
        var compressionStart = boundary(compressionTracker.window)
        if let c = compressionStart, let g = generalization, g.isConfirmed, c.step >= g.step {
            compressionStart = nil  // found only inside what turned out to be generalization
        }
        let stall = tMem != nil && !generalizationWindow.isConfirmed ? stallTracker.stall : nil
        return PhaseReport(
            verdict: verdict(
                memorization: memorization, generalization: generalization, compressionStart: compressionStart,
                stalled: stall != nil),
            memorization: memorization, generalization: generalization, compression: compression,
            compressionStart: compressionStart, lmnPeak: peak, stall: stall,
            solutionSwitch: switchTracker.found, evaluationCount: evaluationCount, lastStep: lastStep)
    }

    private func boundary(_ window: StableWindow) -> PhaseBoundary? {
        guard let start = window.start else { return nil }
        return PhaseBoundary(
            step: start.step, evaluationIndex: start.index, isConfirmed: window.isConfirmed,
            heldFor: window.heldFor, confirmedAtStep: window.confirmedAtStep)
    }

    /// The verdict rules of docs/phases.md, in order of precedence.
    private func verdict(
        memorization: PhaseBoundary?, generalization: PhaseBoundary?, compressionStart: PhaseBoundary?,
        stalled: Bool
    ) -> PhaseVerdict {
        let mem = memorization?.isConfirmed == true ? memorization : nil
        let gen = generalization?.isConfirmed == true ? generalization : nil
        if let gen {
            guard let mem else { return .noGrokking }
            return isWithinMargin(memorization: mem, generalization: gen) ? .noGrokking : .generalized
        }
        guard mem != nil else { return evaluationCount < rules.windowLength ? .notYet : .memorizing }
        if stalled { return .notGeneralizing }
        if compressionStart?.isConfirmed == true { return .compressing }
        return streamHasLMN ? .memorized : .compressionNotMeasured
    }

    func isWithinMargin(memorization: PhaseBoundary, generalization: PhaseBoundary) -> Bool {
        switch rules.noGrokkingMargin {
        case .evaluations(let n): return generalization.evaluationIndex - memorization.evaluationIndex <= n
        case .steps(let n): return generalization.step - memorization.step <= n
        }
    }
}
