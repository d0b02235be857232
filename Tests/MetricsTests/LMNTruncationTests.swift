import Engine
import Metrics
import TestSupport
import Testing

/// The truncated basis of the residual path (docs/performance.md, "Truncated basis"): pairs whose
/// certified interval is narrow use the truncated product, all others take the 19 rows, and both
/// agree with the definition.
@Suite struct LMNTruncationTests {
    /// A paper-shaped tail whose pre-activations span about ±`gain`·1.5: small gains give short,
    /// smooth segments (truncation is certified), large ones long segments across the knee.
    static func net(gain: Double, seed: UInt64) -> (NetworkTail, [Double]) {
        var random = LMNTestRandom(seed: seed)
        let tail = random.tail(widths: [24, 24, 7], activations: [.silu, nil], gain: gain)
        return (tail, probeRepresentations(count: 40, width: 24, seed: seed + 1))
    }

    @Test(arguments: [LMNKernelMode.avx2, .avx512])
    func truncatedPairsAreUsedAndAgreeWithTheDefinition(kernels: LMNKernelMode) throws {
        try #require(LMNCalculator.vectorKernelsAvailable, "the truncated path needs the AVX2 kernels")
        let (tail, hidden) = Self.net(gain: 0.5, seed: 3)
        let calculator = try LMNCalculator(probeCount: 40, keepsMatrix: true)
        kernels.apply(to: calculator)
        calculator.truncationTolerance = LMNCalculator.suggestedTruncationTolerance
        let fast = try calculator.evaluate(tail: tail, hidden: hidden)
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: 40)
        #expect(calculator.lastTruncatedPairs > 600, "truncated \(calculator.lastTruncatedPairs) of 780")
        #expect(calculator.lastTruncatedPairs + calculator.lastExactPairs == 780)
        #expect(
            isApproximatelyEqual(fast.value, naive.value, relative: 1e-7), "fast \(fast.value) naive \(naive.value)")
        let l = try #require(fast.connectivity)
        let reference = try #require(naive.connectivity)
        #expect(isApproximatelyEqual(l, reference, absolute: 5e-7, relative: 0))
    }

    /// A net where some pairs cannot be certified: those take all 19 rows, the rest stay truncated,
    /// and the result is the definition's.
    @Test(arguments: [LMNKernelMode.avx2, .avx512])
    func uncertifiedPairsFallBackToAllRows(kernels: LMNKernelMode) throws {
        try #require(LMNCalculator.vectorKernelsAvailable, "the truncated path needs the AVX2 kernels")
        let (tail, hidden) = Self.net(gain: 1.5, seed: 5)
        let calculator = try LMNCalculator(probeCount: 40, keepsMatrix: true)
        kernels.apply(to: calculator)
        calculator.truncationTolerance = LMNCalculator.suggestedTruncationTolerance
        let fast = try calculator.evaluate(tail: tail, hidden: hidden)
        #expect(calculator.lastTruncatedPairs > 0 && calculator.lastExactPairs > 0)
        #expect(calculator.lastTruncatedPairs + calculator.lastExactPairs == 780)
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: 40)
        #expect(
            isApproximatelyEqual(fast.value, naive.value, relative: 1e-7), "fast \(fast.value) naive \(naive.value)")
        let l = try #require(fast.connectivity)
        let reference = try #require(naive.connectivity)
        #expect(isApproximatelyEqual(l, reference, absolute: 5e-7, relative: 0))
    }

    /// The negative case: long segments, where keeping only the first coefficients is wrong by
    /// ≈ 1e-5 relative (shown by accepting every pair unchecked). Certified, no pair passes the
    /// sample, so the evaluation takes all 19 rows and gives the definition's value.
    @Test(arguments: [LMNKernelMode.avx2, .avx512])
    func truncationAloneWouldBeWrongOnLongSegments(kernels: LMNKernelMode) throws {
        try #require(LMNCalculator.vectorKernelsAvailable, "the truncated path needs the AVX2 kernels")
        let (tail, hidden) = Self.net(gain: 6, seed: 5)
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: 40)

        let unchecked = try LMNCalculator(probeCount: 40)
        kernels.apply(to: unchecked)
        unchecked.truncationTolerance = .infinity
        let truncatedOnly = try unchecked.evaluate(tail: tail, hidden: hidden)
        #expect(unchecked.lastTruncatedPairs == 780)
        #expect(
            !isApproximatelyEqual(truncatedOnly.value, naive.value, relative: 1e-6),
            "truncation alone \(truncatedOnly.value) should miss naive \(naive.value)")

        let calculator = try LMNCalculator(probeCount: 40)
        kernels.apply(to: calculator)
        calculator.truncationTolerance = LMNCalculator.suggestedTruncationTolerance
        let fast = try calculator.evaluate(tail: tail, hidden: hidden)
        #expect(calculator.lastTruncatedPairs == 0 && calculator.lastExactPairs == 780)
        #expect(
            isApproximatelyEqual(fast.value, naive.value, relative: 1e-7), "fast \(fast.value) naive \(naive.value)")
    }

    /// Off by default (measured slower than the 19-row product here): no pair is truncated.
    @Test func truncationIsOffByDefault() throws {
        let (tail, hidden) = Self.net(gain: 0.5, seed: 3)
        let calculator = try LMNCalculator(probeCount: 40)
        #expect(calculator.truncationTolerance == 0)
        let fast = try calculator.evaluate(tail: tail, hidden: hidden)
        #expect(calculator.lastTruncatedPairs == 0)
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: 40)
        #expect(isApproximatelyEqual(fast.value, naive.value, relative: 1e-7))
    }

    /// The portable loops never truncate (the counters stay 0).
    @Test func portableLoopsDoNotTruncate() throws {
        let (tail, hidden) = Self.net(gain: 0.5, seed: 3)
        let calculator = try LMNCalculator(probeCount: 40)
        LMNKernelMode.portable.apply(to: calculator)
        calculator.truncationTolerance = LMNCalculator.suggestedTruncationTolerance
        _ = try calculator.evaluate(tail: tail, hidden: hidden)
        #expect(calculator.lastTruncatedPairs == 0 && calculator.lastExactPairs == 0)
    }
}
