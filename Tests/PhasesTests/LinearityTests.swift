import Phases
import TestSupport
import Testing

@Suite struct LinearityTests {
    private func fit(_ x: [Double], _ y: [Double]) throws -> LinearityFit {
        try #require(Linearity.analyze(x: x, y: y).fit)
    }

    @Test func exactLinesScoreOne() throws {
        let xs = (0..<50).map { Double($0) * 0.37 + 2 }
        let up = try fit(xs, xs.map { 3 * $0 - 1 })
        #expect(isApproximatelyEqual(up.slope, 3))
        #expect(isApproximatelyEqual(up.intercept, -1, absolute: 1e-9))
        #expect(isApproximatelyEqual(up.linearR2, 1))
        #expect(isApproximatelyEqual(up.monotoneR2, 1))
        #expect(isApproximatelyEqual(try #require(up.score), 1))
        // Falling lines are as linear (the monotone fit may decrease too).
        let down = try fit(xs, xs.map { 7 - 0.5 * $0 })
        #expect(isApproximatelyEqual(down.slope, -0.5))
        #expect(isApproximatelyEqual(try #require(down.score), 1))
    }

    /// y = x⁴ on [0, 1]: monotone, so monotone r² = 1; linear r² is corr(x, x⁴)², which for x uniform
    /// on [0, 1] is cov² / (var x · var x⁴) = (1/6 − 1/10)² / ((1/12)(1/9 − 1/25)) = (1/225)/(16/2700)
    /// = 3/4. A grid of 2 001 points approaches that within 1e-3.
    @Test func convexCurveScoresThreeQuarters() throws {
        let xs = (0...2000).map { Double($0) / 2000 }
        let f = try fit(xs, xs.map { $0 * $0 * $0 * $0 })
        #expect(isApproximatelyEqual(f.monotoneR2, 1))
        #expect(abs(f.linearR2 - 0.75) < 1e-3)
        #expect(abs(try #require(f.score) - 0.75) < 1e-3)
        // Pearson r alone still looks strong: √0.75 ≈ 0.87.
        #expect(f.linearR2.squareRoot() > 0.86)
    }

    /// Pool-adjacent-violators by hand: y = 1, 3, 2, 4 at x = 1…4. Non-decreasing fit 1, 2.5, 2.5, 4
    /// (SSE 0.5); SST 5 → monotone r² 0.9. Linear: sxy 4, sxx 5, syy 5 → r² 0.64. Score 0.64/0.9.
    @Test func isotonicFitByHand() throws {
        let f = try fit([1, 2, 3, 4], [1, 3, 2, 4])
        #expect(isApproximatelyEqual(f.monotoneR2, 0.9))
        #expect(isApproximatelyEqual(f.linearR2, 0.64))
        #expect(isApproximatelyEqual(try #require(f.score), 0.64 / 0.9))
    }

    /// Tied x values share one fitted value (their mean): x = 1, 1, 2 with y = 2, 0, 3 fits 1, 1, 3,
    /// SSE 2; SST = 14/3 → monotone r² = 1 − 6/14.
    @Test func tiedXValuesArePooled() throws {
        let f = try fit([1, 1, 2], [2, 0, 3])
        #expect(isApproximatelyEqual(f.monotoneR2, 1 - 6.0 / 14))
    }

    @Test func noiseHasLowLinearR2() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {  // a 64-bit LCG (Knuth MMIX constants), top 53 bits
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let xs = (0..<400).map { _ in uniform() }
        let ys = (0..<400).map { _ in uniform() }
        let f = try fit(xs, ys)
        #expect(f.linearR2 < 0.03)
        #expect(f.monotoneR2 >= f.linearR2)
        // A strong linear signal under the same noise stays clearly linear (the negative control).
        let signal = try fit(xs, zip(xs, ys).map { 10 * $0 + 0.1 * $1 })
        #expect(signal.linearR2 > 0.99)
        #expect(try #require(signal.score) > 0.99)
    }

    @Test func nonFinitePairsAreSkipped() throws {
        let clean = try fit([1, 2, 3, 4], [1, 3, 2, 4])
        let dirty = try fit([1, .nan, 2, 3, 9, 4, -.infinity], [1, 5, 3, 2, .infinity, 4, 1])
        #expect(dirty == clean)
        #expect(dirty.count == 4)
    }

    @Test func tooFewPointsAreNotEnoughData() {
        #expect(Linearity.analyze(x: [], y: []) == .notEnoughData(count: 0))
        #expect(Linearity.analyze(x: [1, 2], y: [3, 4]) == .notEnoughData(count: 2))
        #expect(Linearity.analyze(x: [1, 2, .nan], y: [3, 4, 5]) == .notEnoughData(count: 2))
        #expect(Linearity.analyze(x: [1, 2, 3], y: [3, 4, 6]).fit != nil)
    }

    @Test func constantVariablesHaveNoLine() {
        #expect(Linearity.analyze(x: [1, 2, 3, 4], y: [5, 5, 5, 5]) == .constant(count: 4))
        #expect(Linearity.analyze(x: [2, 2, 2], y: [1, 2, 3]) == .constant(count: 3))
    }
}
