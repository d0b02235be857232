/// Decides whether compression is earned (docs/phases.md, "compressing"), fed the evaluations of
/// `[t_mem, …)` in step order. Only evaluations carrying LMN count; the others are neutral. Latched
/// once confirmed, like the other boundaries.
struct CompressionTracker: Sendable, Equatable {
    let rule: CompressionRule
    /// Highest finite LMN seen since `t_mem` (first one on ties).
    private(set) var peak: StepValue?
    private var previous: (lmn: Double, testLoss: Double)?
    private(set) var window: StableWindow

    init(rule: CompressionRule) {
        self.rule = rule
        window = StableWindow(length: rule.window)
    }

    /// Returns `true` once, on the evaluation that confirms compression.
    mutating func feed(_ sample: WindowSample) -> Bool {
        guard let lmn = sample.lmn else { return false }
        guard !window.isConfirmed else { return false }
        guard lmn.isFinite, let loss = sample.testLoss, loss.isFinite else {
            // A non-finite value breaks the chain: the next evaluation has nothing to compare with.
            previous = nil
            return window.feed(step: sample.step, index: sample.index, holds: false)
        }
        if lmn > (peak?.value ?? -.infinity) { peak = StepValue(step: sample.step, value: lmn) }
        var holds = false
        if let previous, let peak {
            let belowPeak = lmn <= (1 - rule.minimumLMNDrop) * peak.value
            let lmnFalling = lmn < previous.lmn
            let lossFalling = loss <= (1 - rule.minimumTestLossFall) * previous.testLoss && loss < previous.testLoss
            holds = belowPeak && lmnFalling && lossFalling
        }
        previous = (lmn, loss)
        return window.feed(step: sample.step, index: sample.index, holds: holds)
    }

    static func == (a: CompressionTracker, b: CompressionTracker) -> Bool {
        a.rule == b.rule && a.peak == b.peak && a.window == b.window
            && a.previous?.lmn == b.previous?.lmn && a.previous?.testLoss == b.previous?.testLoss
    }
}
