import Engine
import Metrics
import Testing

/// Seeded random tails and probe representations for the LMN tests (SplitMix64, test-local).
struct LMNTestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }

    /// Uniform in [−bound, bound].
    mutating func symmetric(_ bound: Double) -> Double { (2 * nextUnit() - 1) * bound }

    mutating func values(_ count: Int, bound: Double) -> [Double] { (0..<count).map { _ in symmetric(bound) } }

    /// A tail with the given widths (`widths[0]` = input width) and one activation per layer
    /// (`nil` = affine). Weights U(±gain/√fan_in), biases U(±0.5).
    mutating func tail(widths: [Int], activations: [Activation?], gain: Double = 3) -> NetworkTail {
        NetworkTail(
            layers: activations.indices.map { l in
                let (inputs, outputs) = (widths[l], widths[l + 1])
                return TailLayer(
                    weights: values(inputs * outputs, bound: gain / Double(inputs).squareRoot()),
                    bias: values(outputs, bound: 0.5), inputs: inputs, outputs: outputs, activation: activations[l])
            })
    }

    /// The paper's tail shape with an activation: width → width (σ) → classes.
    mutating func paperLike(width: Int, classes: Int, activation: Activation) -> NetworkTail {
        tail(widths: [width, width, classes], activations: [activation, nil])
    }
}

/// `count × width` probe representations, positive-ish like SiLU outputs.
func probeRepresentations(count: Int, width: Int, seed: UInt64) -> [Double] {
    var random = LMNTestRandom(seed: seed)
    return (0..<(count * width)).map { _ in Activation.silu.apply(random.symmetric(2.5)) }
}

/// The three inner-loop choices of the fast path (on a CPU without AVX-512 `.avx512` runs AVX2,
/// without AVX2 all three run the portable loops).
enum LMNKernelMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case portable, avx2, avx512

    var testDescription: String { rawValue }

    func apply(to calculator: LMNCalculator) {
        calculator.usesVectorKernels = self != .portable
        calculator.usesWideKernels = self == .avx512
    }
}
