import Snapshots

/// The metrics of one evaluation that the compression statistics need.
struct WindowSample: Sendable, Equatable {
    var step: Int
    var testLoss: Double?
    var lmn: Double?
    var l2: Double?

    init(step: Int, testLoss: Double?, lmn: Double?, l2: Double?) {
        self.step = step
        self.testLoss = testLoss
        self.lmn = lmn
        self.l2 = l2
    }
}

/// Running statistics over the samples of the compression window, in step order.
struct CompressionAccumulator: Sendable, Equatable {
    var lossVsLMN = PairedMoments()
    var lossVsL2 = PairedMoments()
    var firstLMN: StepValue?
    var lastLMN: StepValue?

    mutating func add(_ sample: WindowSample) {
        if let loss = sample.testLoss {
            if let lmn = sample.lmn { lossVsLMN.add(loss, lmn) }
            if let l2 = sample.l2 { lossVsL2.add(loss, l2) }
        }
        if let lmn = sample.lmn, lmn.isFinite {
            let point = StepValue(step: sample.step, value: lmn)
            if firstLMN == nil { firstLMN = point }
            lastLMN = point
        }
    }

    func statistics(startStep: Int?, endStep: Int?) -> CompressionStatistics {
        var drop: LMNDrop?
        if let firstLMN, let lastLMN { drop = LMNDrop(start: firstLMN, end: lastLMN) }
        return CompressionStatistics(
            startStep: startStep, endStep: endStep,
            testLossVsLMN: Correlation(count: lossVsLMN.count, r: lossVsLMN.pearson),
            testLossVsL2: Correlation(count: lossVsL2.count, r: lossVsL2.pearson), lmnDrop: drop)
    }
}
