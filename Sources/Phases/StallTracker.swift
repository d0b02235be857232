/// Decides "not generalizing" (docs/phases.md): over the last `span` steps, test loss never got
/// `minimumFall` below its value at the span's start. Fed the evaluations of `[t_mem, …)`; keeps only
/// the span's samples, with a monotonic deque for the running minimum (O(1) amortized per sample, so a
/// replay of a million evaluations stays cheap).
struct StallTracker: Sendable, Equatable {
    let rule: StallRule
    private var samples: [StepValue] = []
    private var head = 0
    /// Indices into `samples` of increasing test loss: `minima[minHead]` is the span's minimum.
    private var minima: [Int] = []
    private var minHead = 0
    private var firstStep: Int?
    /// The verdict after the last sample fed: `nil` unless the run is stalled.
    private(set) var stall: Stall?

    init(rule: StallRule) { self.rule = rule }

    mutating func feed(step: Int, testLoss: Double?) {
        guard let testLoss, testLoss.isFinite else { return }
        if firstStep == nil { firstStep = step }
        samples.append(StepValue(step: step, value: testLoss))
        let index = samples.count - 1
        while minima.count > minHead, samples[minima[minima.count - 1]].value >= testLoss { minima.removeLast() }
        minima.append(index)
        // Keep the samples within the span, but never drop the one exactly `span` back.
        while head < index, samples[head].step < step - rule.span { head += 1 }
        while minima[minHead] < head { minHead += 1 }
        compact()
        let last = samples.count - 1  // `index` is stale once `compact` dropped a prefix
        stall = nil
        guard let firstStep, step - firstStep >= rule.span, head < last else { return }
        let start = samples[head]
        let best = samples[minima[minHead]]
        if best.value >= (1 - rule.minimumFall) * start.value {
            stall = Stall(from: start, best: best, to: samples[last])
        }
    }

    /// Drops consumed prefixes now and then, so memory stays proportional to the span.
    private mutating func compact() {
        guard head > 1024, head * 2 > samples.count else { return }
        samples.removeFirst(head)
        minima = minima[minHead...].map { $0 - head }
        head = 0
        minHead = 0
    }
}
