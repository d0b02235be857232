import TUI
import Testing
import TextFormat

@Suite struct NiceTicksTests {
    @Test(arguments: [
        (0.0...1.0, 3, [0.0, 0.5, 1.0]),
        (0.0...10.0, 6, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]),
        (3.0...47.0, 5, [10.0, 20.0, 30.0, 40.0]),
        (-1.0...1.0, 3, [-1.0, 0.0, 1.0]),
    ])
    func linearTicksAreOneTwoFiveMultiples(range: ClosedRange<Double>, count: Int, expected: [Double]) {
        #expect(NiceTicks.linear(range, count: count) == expected)
    }

    @Test func niceStepRoundsUpToOneTwoFive() {
        #expect(NiceTicks.niceStep(for: 0.13) == 0.1)
        #expect(NiceTicks.niceStep(for: 0.17) == 0.2)
        #expect(NiceTicks.niceStep(for: 3) == 5)
        #expect(NiceTicks.niceStep(for: 7) == 10)
        #expect(NiceTicks.niceStep(for: 1) == 1)
    }

    @Test func logTicksArePowersOfTen() {
        #expect(NiceTicks.logarithmic(0.001...10, count: 10) == [0.001, 0.01, 0.1, 1, 10].map { $0 })
        // Thinned when there are too many decades.
        #expect(NiceTicks.logarithmic(1e-6...1, count: 4).count <= 4)
        // Less than a decade: 1-2-5 inside it.
        #expect(NiceTicks.logarithmic(1.5...8, count: 5) == [2, 5])
    }

    @Test func degenerateRangesDoNotLoop() {
        #expect(NiceTicks.linear(1...1, count: 5) == [1])
        #expect(NiceTicks.linear(0...Double.infinity, count: 5).count <= 1)
        #expect(NiceTicks.logarithmic(0...1, count: 5).isEmpty)
    }

    @Test func valueTextIsCompact() {
        #expect(ValueText.compact(0.012345) == "0.0123")
        #expect(ValueText.compact(1234.5) == "1234.5")
        #expect(ValueText.compact(2e-4) == "2e-04")
        #expect(ValueText.compact(.nan) == "NaN")
        #expect(ValueText.steps(12_300) == "12.3k")
        #expect(ValueText.duration(3723) == "1:02:03")
        #expect(ValueText.percent(0.975) == "97.5%")
    }
}
