import Engine
import Foundation
import Testing

/// The logged cross-entropy at tiny losses (issue 8 §5): Σ exp per row and the mean are reduced in
/// `Double`, so a loss near 1e-7 is exact to float32 `exp` accuracy instead of being quantized by
/// a float32 Σ exp ≈ 1 + 1e-7 (steps of 2⁻²³ ≈ 1.2e-7).
@Suite("Cross-entropy at tiny losses")
struct CrossEntropyPrecisionTests {
    static let classes = 31

    /// Rows whose label logit leads the others by 18–21 nats: per-row losses of about 1e-7 to 1e-6.
    static func confidentLogits(rows: Int) -> (logits: [Float], examples: [Example]) {
        var generator = SplitMix64(seed: 11)
        var logits: [Float] = []
        var examples: [Example] = []
        for row in 0..<rows {
            let label = (row * 7) % classes
            let lead = generator.nextUniform(18, 21)
            for j in 0..<classes {
                logits.append(Float(j == label ? lead : generator.nextUniform(-1, 1)))
            }
            examples.append(Example(a: 0, b: 0, label: label))
        }
        return (logits, examples)
    }

    /// Independent float64 reference: per row log1p(Σ_{j≠max} e^(z_j − max)) − (z_label − max), averaged.
    static func reference(_ logits: [Float], _ examples: [Example]) -> Double {
        var total = 0.0
        for (row, example) in examples.enumerated() {
            let z = logits[(row * classes)..<((row + 1) * classes)].map(Double.init)
            let top = z.indices.max { z[$0] < z[$1] }!
            let rest = z.indices.filter { $0 != top }.reduce(0.0) { $0 + Foundation.exp(z[$1] - z[top]) }
            total += Foundation.log1p(rest) - (z[Int(example.label)] - z[top])
        }
        return total / Double(examples.count)
    }

    /// The reduction the engine used before: Σ exp per row accumulated in `Float`.
    static func float32Reduction(_ logits: [Float], _ examples: [Example]) -> Double {
        var total = 0.0
        for (row, example) in examples.enumerated() {
            let z = Array(logits[(row * classes)..<((row + 1) * classes)])
            let top = z.max()!
            var sum: Float = 0
            for value in z { sum += Foundation.exp(value - top) }
            total += Foundation.log(Double(sum)) - Double(z[Int(example.label)] - top)
        }
        return total / Double(examples.count)
    }

    static let tolerance = 1e-4  // relative; float32 exp of the small terms is good to ~1e-7

    @Test func lossNear1e7MatchesTheFloat64Reference() {
        let (logits, examples) = Self.confidentLogits(rows: 40)
        let expected = Self.reference(logits, examples)
        #expect(expected > 3e-8 && expected < 3e-6, "the rows must sit near 1e-7, got \(expected)")
        let float32 = LossKind.crossEntropy.evaluate(logits: logits, classes: Self.classes, examples: examples)
        #expect(
            abs(float32.result.loss - expected) / expected < Self.tolerance,
            "f32 logits: \(float32.result.loss) vs \(expected)")
        let float64 = LossKind.crossEntropy.evaluate(
            logits: logits.map(Double.init), classes: Self.classes, examples: examples)
        #expect(
            abs(float64.result.loss - expected) / expected < 1e-7, "f64 logits: \(float64.result.loss) vs \(expected)")
    }

    @Test func aFloat32ReductionMissesTheTolerance() {
        // Negative control: the old reduction is off by percent, far outside the tolerance above.
        let (logits, examples) = Self.confidentLogits(rows: 40)
        let expected = Self.reference(logits, examples)
        let old = Self.float32Reduction(logits, examples)
        #expect(abs(old - expected) / expected > 100 * Self.tolerance, "old \(old) vs \(expected)")
    }
}
