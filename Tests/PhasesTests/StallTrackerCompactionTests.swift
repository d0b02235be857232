import Foundation
import Testing

@testable import Phases

/// Regression: once more than 1024 samples fell out of the span, `compact()` dropped a prefix and the
/// verdict read `samples[index]` with the pre-compaction index (a crash on long flat runs).
@Suite struct StallTrackerCompactionTests {
    @Test func longFlatRunStaysStalledAcrossCompactions() {
        var tracker = StallTracker(rule: StallRule(span: 100, minimumFall: 0.05))
        for step in 0..<5000 { tracker.feed(step: step, testLoss: 1.0) }
        #expect(tracker.stall?.to.step == 4999)
        #expect(tracker.stall?.from.step == 4899)
    }

    @Test func fallingLossIsNotStalledAfterCompactions() {
        var tracker = StallTracker(rule: StallRule(span: 100, minimumFall: 0.05))
        for step in 0..<5000 { tracker.feed(step: step, testLoss: 10 * exp(-Double(step) / 500)) }
        #expect(tracker.stall == nil)
    }
}
