import Engine
import Foundation
import Metrics
import TestSupport
import Testing

@Suite struct LMNDefinitionTests {
    @Test(arguments: [1, 2, 3])
    func affineTailGivesExactlyOne(layerCount: Int) throws {
        var random = LMNTestRandom(seed: 11)
        let widths = [7, 9, 6, 4].prefix(layerCount + 1)
        let tail = random.tail(widths: Array(widths), activations: Array(repeating: nil, count: layerCount))
        let hidden = probeRepresentations(count: 12, width: 7, seed: 3)
        let naive = try LMN.naive(tail: tail, hidden: hidden, count: 12)
        let fast = try LMN.fast(tail: tail, hidden: hidden, count: 12)
        #expect(abs(naive.value - 1) <= 1e-12, "naive LMN \(naive.value)")
        #expect(abs(fast.value - 1) <= 1e-12, "fast LMN \(fast.value)")
    }

    @Test func randomNetsStayWithinOneAndN() throws {
        for seed in UInt64(1)...4 {
            var random = LMNTestRandom(seed: seed)
            let tail = random.paperLike(width: 10, classes: 5, activation: .silu)
            let hidden = probeRepresentations(count: 16, width: 10, seed: seed + 100)
            let result = try LMN.naive(tail: tail, hidden: hidden, count: 16)
            #expect(result.value >= 1 - 1e-12 && result.value <= 16 + 1e-9, "LMN \(result.value)")
            #expect(
                result.value > 1.01, "a random SiLU net should not be linear (negative control), LMN \(result.value)")
        }
    }

    @Test(arguments: [(1, 6), (2, 3), (3, 4), (4, 4), (6, 1)])
    func blockDiagonalOnesGivesBlockCount(blocks: Int, size: Int) throws {
        let n = blocks * size
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i / size == j / size { matrix[i * n + j] = 1 } }
        let viaLapack = try LMN.fromConnectivity(matrix, count: n)
        #expect(isApproximatelyEqual(viaLapack.value, Double(blocks), absolute: 1e-12))
        let viaJacobi = LMN.spectralEntropy(eigenvalues: SymmetricEigenvalues.jacobi(matrix, order: n))
        #expect(isApproximatelyEqual(viaJacobi.value, Double(blocks), absolute: 1e-12))
        #expect(isApproximatelyEqual(viaJacobi.entropy, log2(Double(blocks)), absolute: 1e-12))
    }

    @Test func unequalBlocksGiveLessThanBlockCount() throws {
        // Blocks of sizes 3 and 1: q = (3/4, 1/4), LMN = 2^H(q) ≈ 1.755 — not 2 (negative control).
        var matrix = [Double](repeating: 0, count: 16)
        for i in 0..<3 { for j in 0..<3 { matrix[i * 4 + j] = 1 } }
        matrix[15] = 1
        let result = try LMN.fromConnectivity(matrix, count: 4)
        let expected = exp2(-(0.75 * log2(0.75) + 0.25 * log2(0.25)))
        #expect(isApproximatelyEqual(result.value, expected, absolute: 1e-12))
    }

    @Test func probeOrderDoesNotMatter() throws {
        var random = LMNTestRandom(seed: 5)
        let tail = random.paperLike(width: 8, classes: 4, activation: .tanh)
        let n = 13
        let hidden = probeRepresentations(count: n, width: 8, seed: 6)
        let permutation = (0..<n).map { ($0 * 5 + 3) % n }
        let permuted = permutation.flatMap { hidden[($0 * 8)..<($0 * 8 + 8)] }
        for compute in [LMN.naive, { try LMN.fast(tail: $0, hidden: $1, count: $2) }] {
            let a = try compute(tail, hidden, n)
            let b = try compute(tail, permuted, n)
            #expect(isApproximatelyEqual(a.value, b.value, relative: 1e-12))
            let l = try #require(a.connectivity)
            let m = try #require(b.connectivity)
            for i in 0..<n {
                for j in 0..<n {
                    #expect(isApproximatelyEqual(m[i * n + j], l[permutation[i] * n + permutation[j]], relative: 1e-12))
                }
            }
        }
    }

    @Test(arguments: [Activation.relu, .silu, .tanh])
    func connectivityIsSymmetricWithUnitDiagonalAndEntriesInUnitInterval(activation: Activation) throws {
        var random = LMNTestRandom(seed: 9)
        let tail = random.paperLike(width: 6, classes: 3, activation: activation)
        let n = 20
        let hidden = probeRepresentations(count: n, width: 6, seed: 10)
        let results = [
            try LMN.naive(tail: tail, hidden: hidden, count: n), try LMN.fast(tail: tail, hidden: hidden, count: n),
        ]
        for result in results {
            let l = try #require(result.connectivity)
            for i in 0..<n {
                #expect(l[i * n + i] == 1)
                for j in 0..<n {
                    #expect(l[i * n + j] == l[j * n + i])
                    #expect(l[i * n + j] >= 0 && l[i * n + j] <= 1)
                }
            }
            #expect(l.contains { $0 < 0.999 }, "a random \(activation) net has non-linear pairs (negative control)")
            #expect(result.value >= 1 && result.value <= Double(n))
        }
    }

    /// One input, one ReLU unit, identity readout: T(h) = relu(h). Probes −1, −0.5, 0.5, 1.
    @Test func plantedReLUKinkBreaksLinearity() throws {
        let tail = NetworkTail(layers: [
            TailLayer(weights: [1], bias: [0], inputs: 1, outputs: 1, activation: .relu),
            TailLayer(weights: [2], bias: [0.25], inputs: 1, outputs: 1, activation: nil),
        ])
        let hidden = [-1, -0.5, 0.5, 1.0]
        for result in [
            try LMN.naive(tail: tail, hidden: hidden, count: 4), try LMN.fast(tail: tail, hidden: hidden, count: 4),
        ] {
            let l = try #require(result.connectivity)
            #expect(l[0 * 4 + 1] == 1, "both probes on the dead side: constant curve")
            #expect(isApproximatelyEqual(l[2 * 4 + 3], 1, absolute: 1e-12), "both on the live side: a line")
            #expect(l[0 * 4 + 3] < 0.9, "segment crosses the kink at λ = ½: L = \(l[3])")
            #expect(l[1 * 4 + 2] < 0.95, "segment crosses the kink: L = \(l[6])")
            #expect(result.value > 1.1)
        }
    }

    @Test func duplicateProbesAreLinearlyConnected() throws {
        var random = LMNTestRandom(seed: 21)
        let tail = random.paperLike(width: 5, classes: 3, activation: .silu)
        let probe = probeRepresentations(count: 1, width: 5, seed: 22)
        let hidden = probe + probe + probeRepresentations(count: 1, width: 5, seed: 23)
        for result in [
            try LMN.naive(tail: tail, hidden: hidden, count: 3), try LMN.fast(tail: tail, hidden: hidden, count: 3),
        ] {
            #expect(try #require(result.connectivity)[1] == 1)
        }
    }

    @Test func singleProbeGivesOne() throws {
        var random = LMNTestRandom(seed: 2)
        let tail = random.paperLike(width: 4, classes: 2, activation: .gelu)
        let hidden = probeRepresentations(count: 1, width: 4, seed: 1)
        #expect(try LMN.naive(tail: tail, hidden: hidden, count: 1).value == 1)
        #expect(try LMN.fast(tail: tail, hidden: hidden, count: 1).value == 1)
    }

    @Test func floatParametersWidenExactly() {
        let layer = TailLayer(widening: [Float(0.1), -2], bias: [Float(0.3)], inputs: 2, outputs: 1, activation: .tanh)
        #expect(layer.weights == [Double(Float(0.1)), -2])
        #expect(layer.bias == [Double(Float(0.3))])
        #expect(layer.activation == .tanh)
    }
}
