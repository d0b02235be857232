import Engine
import Metrics
import TestSupport
import Testing

/// The fast path against the literal definition, on awkward shapes (the llm.c twin-kernel habit).
@Suite struct LMNFastPathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var probes: Int
        var widths: [Int]
        var activations: [Activation?]
        var threads = 1
        var gain = 3.0
        var testDescription: String {
            "N=\(probes) widths=\(widths) \(activations.map { $0?.rawValue ?? "affine" }) ×\(threads)"
        }
    }

    static let cases: [Case] = [
        Case(probes: 2, widths: [5, 7, 3], activations: [.silu, nil]),
        Case(probes: 3, widths: [9, 13, 4], activations: [.relu, nil]),
        Case(probes: 17, widths: [12, 16, 31], activations: [.silu, nil]),
        Case(probes: 17, widths: [6, 11, 5], activations: [.gelu, nil]),
        Case(probes: 17, widths: [10, 8, 7], activations: [.tanh, nil], threads: 2),
        Case(probes: 64, widths: [8, 10, 5], activations: [.silu, nil], threads: 2),
        Case(probes: 64, widths: [7, 9, 3], activations: [.relu, nil]),
        Case(probes: 17, widths: [6, 9], activations: [.silu]),
        Case(probes: 17, widths: [6, 9, 10, 4], activations: [.tanh, .relu, nil]),
        Case(probes: 17, widths: [5, 8, 6, 3], activations: [.gelu, .silu, .tanh]),
        Case(probes: 33, widths: [4, 17, 2], activations: [.silu, nil], threads: 3),
        // Huge pre-activations: the geometric recurrence would overflow, the scalar fallback takes over.
        Case(probes: 17, widths: [6, 9, 4], activations: [.silu, nil], gain: 800),
        Case(probes: 17, widths: [6, 9, 4], activations: [.tanh, nil], gain: 400),
    ]

    /// The contract is 1e-6 relative on the LMN (docs/performance.md); the paper-net residual path
    /// (single-precision last product) lands near 1e-8, the all-`Double` paths near 1e-12.
    @Test(arguments: cases, LMNKernelMode.allCases)
    func fastEqualsNaive(_ c: Case, kernels: LMNKernelMode) throws {
        var random = LMNTestRandom(seed: UInt64(c.probes * 31 + c.widths.reduce(0, +)))
        let tail = random.tail(widths: c.widths, activations: c.activations, gain: c.gain)
        let hidden = probeRepresentations(count: c.probes, width: c.widths[0], seed: UInt64(c.probes))
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: c.probes)
        let calculator = try LMNCalculator(probeCount: c.probes, threads: c.threads, keepsMatrix: true)
        kernels.apply(to: calculator)
        let fast = try calculator.evaluate(tail: tail, hidden: hidden)
        #expect(
            isApproximatelyEqual(fast.value, naive.value, relative: 1e-7), "fast \(fast.value) naive \(naive.value)")
        #expect(isApproximatelyEqual(fast.entropy, naive.entropy, absolute: 1e-9, relative: 1e-7))
        let l = try #require(fast.connectivity)
        let reference = try #require(naive.connectivity)
        #expect(
            isApproximatelyEqual(l, reference, absolute: 5e-7, relative: 0),
            "max relative difference \(maxRelativeDifference(l, reference))")
        #expect(isApproximatelyEqual(fast.eigenvalues, naive.eigenvalues, absolute: 1e-6, relative: 1e-7))
    }

    /// Near-duplicate probes give short, almost straight segments: the single-precision residuals must
    /// still agree with the definition (their error is relative to the curvature, not the logits).
    @Test(arguments: [1e-3, 1e-6, 1e-9])
    func nearDuplicateProbesStayExact(spacing: Double) throws {
        var random = LMNTestRandom(seed: 41)
        let tail = random.paperLike(width: 12, classes: 7, activation: .silu)
        let base = probeRepresentations(count: 8, width: 12, seed: 5)
        // Each probe twice: the copy moved by `spacing` in every coordinate.
        let hidden = base + base.enumerated().map { $0.element + spacing * Double($0.offset % 3 + 1) }
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: 16)
        for kernels in LMNKernelMode.allCases {
            let calculator = try LMNCalculator(probeCount: 16)
            kernels.apply(to: calculator)
            let fast = try calculator.evaluate(tail: tail, hidden: hidden)
            #expect(
                isApproximatelyEqual(fast.value, naive.value, relative: 1e-7),
                "spacing \(spacing): fast \(fast.value) naive \(naive.value)")
        }
    }

    @Test func calculatorIsReusableAcrossEvaluationsAndShapes() throws {
        let calculator = try LMNCalculator(probeCount: 9, threads: 2, pairsPerBlock: 4, keepsMatrix: true)
        var random = LMNTestRandom(seed: 77)
        for widths in [[6, 8, 3], [6, 8, 3], [4, 12, 5], [6, 8, 3]] {
            let tail = random.tail(widths: widths, activations: [.silu, nil])
            let hidden = probeRepresentations(count: 9, width: widths[0], seed: UInt64(widths[1]))
            let fast = try calculator.evaluate(tail: tail, hidden: hidden)
            let naive = try LMN.naive(tail: tail, hidden: hidden, count: 9)
            #expect(isApproximatelyEqual(fast.value, naive.value, relative: 1e-7))
        }
    }

    @Test func resultKeepsTheMatrixOnlyWhenAsked() throws {
        var random = LMNTestRandom(seed: 3)
        let tail = random.paperLike(width: 4, classes: 2, activation: .silu)
        let hidden = probeRepresentations(count: 5, width: 4, seed: 4)
        #expect(try LMNCalculator(probeCount: 5).evaluate(tail: tail, hidden: hidden).connectivity == nil)
        #expect(
            try LMNCalculator(probeCount: 5, keepsMatrix: true).evaluate(tail: tail, hidden: hidden).connectivity?.count
                == 25)
    }

    @Test func badInputIsRejectedWithAnError() throws {
        var random = LMNTestRandom(seed: 3)
        let tail = random.paperLike(width: 4, classes: 2, activation: .silu)
        let hidden = probeRepresentations(count: 5, width: 4, seed: 4)
        #expect(throws: LMNError.self) { try LMN.fast(tail: tail, hidden: Array(hidden.dropLast()), count: 5) }
        #expect(throws: LMNError.self) { try LMN.naive(tail: tail, hidden: hidden, count: 0) }
        var poisoned = hidden
        poisoned[3] = .nan
        #expect(throws: LMNError.self) { try LMN.fast(tail: tail, hidden: poisoned, count: 5) }
        var broken = tail
        broken.layers[1].weights.removeLast()
        #expect(throws: LMNError.self) { try LMN.naive(tail: broken, hidden: hidden, count: 5) }
        #expect(throws: LMNError.self) { try NetworkTail(layers: []).validate() }
        #expect(throws: LMNError.self) { try LMNCalculator(probeCount: 4, threads: 0) }
        // Finite inputs whose tail overflows: an error, not a NaN LMN.
        var exploding = tail
        exploding.layers[0].weights = exploding.layers[0].weights.map { $0 * 1e306 }
        #expect(throws: LMNError.self) { try LMN.fast(tail: exploding, hidden: hidden, count: 5) }
        #expect(throws: LMNError.self) { try LMN.naive(tail: exploding, hidden: hidden, count: 5) }
        // The message names what is wrong and with which numbers (not just "some error").
        let error = try #require(throws: LMNError.self) { try LMN.fast(tail: tail, hidden: [1, 2, 3], count: 5) }
        #expect("\(error)".contains("expected 5 probe representations of width 4 (20 values), got 3"))
    }

    @Test func blocksFitOpenBLASSmallKernelForThePaperNet() {
        var random = LMNTestRandom(seed: 1)
        #expect(
            LMNCalculator.automaticPairsPerBlock(for: random.paperLike(width: 100, classes: 31, activation: .silu))
                == 16)
        #expect(
            LMNCalculator.automaticPairsPerBlock(for: random.paperLike(width: 4, classes: 2, activation: .silu)) == 64)
    }
}
