import Snapshots

/// The metrics of one evaluation that the compression statistics need.
struct WindowSample: Sendable, Equatable {
    var step: Int
    /// Index (0-based) among accepted evaluations.
    var index: Int
    var testLoss: Double?
    var lmn: Double?
    var l2: Double?
    /// Whether the `t_gen` condition held here (`nil`: not measured).
    var generalizationHolds: Bool?

    init(
        step: Int, index: Int = 0, testLoss: Double?, lmn: Double?, l2: Double?, generalizationHolds: Bool? = nil
    ) {
        self.step = step
        self.index = index
        self.testLoss = testLoss
        self.lmn = lmn
        self.l2 = l2
        self.generalizationHolds = generalizationHolds
    }
}

/// Running statistics over the samples of the compression window, in step order.
///
/// r(test loss, LMN) and r(test loss, L2) are computed over the same evaluations — those carrying test
/// loss, LMN and L2, all finite — so the two numbers compare like with like. Only when no evaluation in
/// the window carries both (a stream without LMN, or without L2) does each use every evaluation it can.
struct CompressionAccumulator: Sendable, Equatable {
    /// Over the evaluations carrying test loss, LMN and L2.
    var lossVsLMN = PairedMoments()
    var lossVsL2Paired = PairedMoments()
    /// Fallbacks over every evaluation carrying the one metric.
    var lossVsLMNAll = PairedMoments()
    var lossVsL2All = PairedMoments()
    var peakLMN: StepValue?
    var lastLMN: StepValue?

    mutating func add(_ sample: WindowSample) {
        if let loss = sample.testLoss, loss.isFinite {
            if let l2 = sample.l2 { lossVsL2All.add(loss, l2) }
            if let lmn = sample.lmn { lossVsLMNAll.add(loss, lmn) }
            if let lmn = sample.lmn, let l2 = sample.l2, lmn.isFinite, l2.isFinite {
                lossVsLMN.add(loss, lmn)
                lossVsL2Paired.add(loss, l2)
            }
        }
        if let lmn = sample.lmn, lmn.isFinite {
            let point = StepValue(step: sample.step, value: lmn)
            if lmn > (peakLMN?.value ?? -.infinity) { peakLMN = point }
            lastLMN = point
        }
    }

    func statistics(startStep: Int?, endStep: Int?) -> CompressionStatistics {
        var drop: LMNDrop?
        if let peakLMN, let lastLMN { drop = LMNDrop(start: peakLMN, end: lastLMN) }
        let paired = lossVsLMN.count > 0
        let lmn = paired ? lossVsLMN : lossVsLMNAll
        let l2 = paired ? lossVsL2Paired : lossVsL2All
        return CompressionStatistics(
            startStep: startStep, endStep: endStep,
            testLossVsLMN: Correlation(count: lmn.count, r: lmn.pearson),
            testLossVsL2: Correlation(count: l2.count, r: l2.pearson), lmnDrop: drop)
    }
}
