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
    private var lmnPeak: StepValue?

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
        let sample = WindowSample(
            step: evaluation.step, testLoss: watched[WatchedMetrics.testLoss], lmn: watched[WatchedMetrics.lmn],
            l2: watched[WatchedMetrics.l2])
        if let lmn = sample.lmn, lmn.isFinite, lmn > (lmnPeak?.value ?? -.infinity) {
            lmnPeak = StepValue(step: sample.step, value: lmn)
        }
        recent.append(sample)
        if recent.count > rules.windowLength { recent.removeFirst() }

        let wasMemorized = memorizationWindow.isConfirmed
        let memCheck = rules.memorization.check(
            primaryValue: watched[WatchedMetrics.memorizationPrimary],
            fallbackValue: watched[WatchedMetrics.memorizationFallback])
        let genCheck = rules.generalization.check(
            primaryValue: watched[WatchedMetrics.generalizationPrimary],
            fallbackValue: watched[WatchedMetrics.generalizationFallback])
        if memorizationWindow.feed(step: evaluation.step, index: index, holds: memCheck?.holds) {
            memorizationCondition = memCheck?.condition
            newEvents.append(memorizationEvent())
        }
        if generalizationWindow.feed(step: evaluation.step, index: index, holds: genCheck?.holds) {
            generalizationCondition = genCheck?.condition
            newEvents.append(generalizationEvent())
        }
        updateCompressionWindow(with: sample, justMemorized: !wasMemorized && memorizationWindow.isConfirmed)
    }

    /// Routes samples of `[t_mem, …)` to the committed statistics or to the pending tentative `t_gen`
    /// streak, so that the window can end exactly at the first step of `t_gen`'s stable window.
    private mutating func updateCompressionWindow(with sample: WindowSample, justMemorized: Bool) {
        guard memorizationWindow.isConfirmed, let tMem = memorizationWindow.start?.step else { return }
        if generalizationWindow.isConfirmed {
            pending = []  // the window is closed; samples from t_gen on never count
            return
        }
        if justMemorized {
            for s in recent where s.step >= tMem { route(s) }
        } else {
            route(sample)
        }
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
        return PhaseReport(
            verdict: verdict(memorization: memorization, generalization: generalization),
            memorization: memorization, generalization: generalization, compression: compression,
            lmnPeak: lmnPeak, evaluationCount: evaluationCount, lastStep: lastStep)
    }

    private func boundary(_ window: StableWindow) -> PhaseBoundary? {
        guard let start = window.start else { return nil }
        return PhaseBoundary(
            step: start.step, evaluationIndex: start.index, isConfirmed: window.isConfirmed,
            heldFor: window.heldFor, confirmedAtStep: window.confirmedAtStep)
    }

    private func verdict(memorization: PhaseBoundary?, generalization: PhaseBoundary?) -> PhaseVerdict {
        let mem = memorization?.isConfirmed == true ? memorization : nil
        let gen = generalization?.isConfirmed == true ? generalization : nil
        if let gen {
            guard let mem else { return .noGrokking }
            return isWithinMargin(memorization: mem, generalization: gen) ? .noGrokking : .generalized
        }
        if mem != nil { return .compressing }
        return evaluationCount < rules.windowLength ? .notYet : .memorizing
    }

    func isWithinMargin(memorization: PhaseBoundary, generalization: PhaseBoundary) -> Bool {
        switch rules.noGrokkingMargin {
        case .evaluations(let n): return generalization.evaluationIndex - memorization.evaluationIndex <= n
        case .steps(let n): return generalization.step - memorization.step <= n
        }
    }
}
