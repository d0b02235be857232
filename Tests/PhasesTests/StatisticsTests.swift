import Phases
import TestSupport
import Testing

@Suite struct StatisticsTests {
    @Test func pearsonOfExactLines() throws {
        var up = PairedMoments()
        var down = PairedMoments()
        for x in 0..<10 {
            up.add(Double(x), 3 * Double(x) + 1)
            down.add(Double(x), -0.5 * Double(x))
        }
        #expect(isApproximatelyEqual(try #require(up.pearson), 1))
        #expect(isApproximatelyEqual(try #require(down.pearson), -1))
    }

    @Test func pearsonIsUndefinedForTooFewOrConstant() {
        var two = PairedMoments()
        two.add(1, 2)
        two.add(2, 3)
        #expect(two.pearson == nil)
        var constant = PairedMoments()
        for x in 0..<5 { constant.add(Double(x), 7) }
        #expect(constant.pearson == nil)
        #expect(constant.count == 5)
    }

    @Test func nonFinitePairsAreSkipped() throws {
        var moments = PairedMoments()
        let addedNaN = moments.add(.nan, 1)
        let addedInfinity = moments.add(1, .infinity)
        #expect(!addedNaN && !addedInfinity)
        for (x, y) in [(1.0, 2.0), (2.0, 1.0), (3.0, 4.0), (4.0, 3.0)] { moments.add(x, y) }
        #expect(moments.count == 4)
        #expect(isApproximatelyEqual(try #require(moments.pearson), twoPassPearson([1, 2, 3, 4], [2, 1, 4, 3])))
    }

    /// Large offsets with small variations: naive sums of squares lose everything here.
    @Test func pearsonIsStableUnderLargeOffsets() throws {
        var moments = PairedMoments()
        let xs = (0..<100).map { 1e9 + Double($0 % 7) }
        let ys = (0..<100).map { 1e9 + Double(($0 * 3) % 11) }
        for (x, y) in zip(xs, ys) { moments.add(x, y) }
        let shifted = twoPassPearson(xs.map { $0 - 1e9 }, ys.map { $0 - 1e9 })
        #expect(isApproximatelyEqual(try #require(moments.pearson), shifted, absolute: 1e-9))
    }

    /// Values worked by hand: w = 0.5, x = 1, 3, 5.
    /// biased: 0.5, 0.25 + 1.5 = 1.75, 0.875 + 2.5 = 3.375; debias by 0.5, 0.75, 0.875 → 1, 7/3, 27/7.
    @Test func debiasedEMAByHand() throws {
        var ema = DebiasedEMA(weight: 0.5)
        #expect(ema.value == nil)
        ema.add(1)
        #expect(isApproximatelyEqual(try #require(ema.value), 1))
        ema.add(3)
        #expect(isApproximatelyEqual(try #require(ema.value), 7.0 / 3))
        ema.add(.nan)  // skipped
        ema.add(5)
        #expect(isApproximatelyEqual(try #require(ema.value), 27.0 / 7))
        #expect(ema.count == 3)
    }

    @Test func debiasedEMAWithoutSmoothingIsTheRawValue() throws {
        var ema = DebiasedEMA(weight: 0)
        for x in [4.0, -2.0, 9.0] {
            ema.add(x)
            #expect(try #require(ema.value) == x)
        }
    }

    @Test func aggregatedEMAEqualsRepeatedValues() throws {
        var one = DebiasedEMA(weight: 0.9)
        var many = DebiasedEMA(weight: 0.9)
        one.add(2)
        many.add(2)
        one.add(mean: 5, count: 4)
        for _ in 0..<4 { many.add(5) }
        #expect(isApproximatelyEqual(try #require(one.value), try #require(many.value)))
        #expect(one.count == 5)
    }
}
