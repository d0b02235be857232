import Foundation
import Testing

@testable import Sweeps

@Suite struct SweepParentTests {
    @Test func theEnvironmentNamesTheSweep() {
        #expect(SweepParent.expected(in: [SweepParent.environmentKey: "4242"]) == 4242)
        // Negative: absent, not a number, init or below: not a sweep's child.
        #expect(SweepParent.expected(in: [:]) == nil)
        #expect(SweepParent.expected(in: [SweepParent.environmentKey: "abc"]) == nil)
        #expect(SweepParent.expected(in: [SweepParent.environmentKey: "1"]) == nil)
        #expect(SweepParent.expected(in: [SweepParent.environmentKey: "-5"]) == nil)
    }

    @Test func theParentIsGoneOnlyWhenItIsNotOurs() {
        #expect(!SweepParent.isGone(getppid()))
        #expect(SweepParent.isGone(getpid()))  // we are not our own parent
    }

    @Test func childrenGetThisProcessAndLoseAnInheritedValue() {
        let lines = SweepParent.childEnvironment(from: ["PATH=/bin", "\(SweepParent.environmentKey)=77", "HOME=/root"])
        #expect(lines == ["PATH=/bin", "HOME=/root", "\(SweepParent.environmentKey)=\(getpid())"])
    }
}
