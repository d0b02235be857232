import Engine
import Foundation
import TestSupport
import Testing

@Suite("AdamW as PyTorch defines it")
struct AdamWTests {
    /// 2 + (1·2 + 1) + (2·1 + 2) = 9 parameters.
    static let shape = ModelShape(
        vocabulary: 2, embeddingDimension: 1, hiddenWidths: [1], classes: 2, activation: .silu)

    static func parameters(_ values: [Float]) -> MLPParameters {
        var p = MLPParameters(zerosFor: shape)
        p.values = values
        return p
    }

    @Test func firstStepMatchesHandComputation() {
        let options = AdamWOptions(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5)
        var optimizer = AdamW(options: options, shape: Self.shape)
        var p = Self.parameters([0.5, -1, 2, 0, 0, 0, 0, 0, 0])
        let g = Self.parameters([0.2, 0.3, -4, 0, 0, 0, 0, 0, 0])
        optimizer.update(&p, gradients: g)
        // Step 1: m̂ = g, v̂ = g², so θ ← θ(1 − lr·wd) − lr·g/(|g| + ε).
        func expected(_ theta: Double, _ gradient: Double) -> Double {
            theta * (1 - 0.1 * 0.5) - 0.1 * gradient / (abs(gradient) + 1e-8)
        }
        #expect(isApproximatelyEqual(Double(p.values[0]), expected(0.5, 0.2), absolute: 1e-6))  // 0.375
        #expect(isApproximatelyEqual(Double(p.values[1]), expected(-1, 0.3), absolute: 1e-6))  // −1.05
        #expect(isApproximatelyEqual(Double(p.values[2]), expected(2, -4), absolute: 1e-6))  // 2.0
        #expect(optimizer.step == 1)
        #expect(isApproximatelyEqual(Double(optimizer.firstMoment.values[0]), 0.1 * 0.2, absolute: 1e-8))
        #expect(isApproximatelyEqual(Double(optimizer.secondMoment.values[0]), 0.001 * 0.04, relative: 1e-4))
    }

    @Test func secondStepAppliesBiasCorrection() {
        let options = AdamWOptions(learningRate: 0.01, beta1: 0.9, beta2: 0.99, epsilon: 1e-3, weightDecay: 0.1)
        var optimizer = AdamW(options: options, shape: Self.shape)
        var p = Self.parameters([1, 0, 0, 0, 0, 0, 0, 0, 0])
        optimizer.update(&p, gradients: Self.parameters([0.5, 0, 0, 0, 0, 0, 0, 0, 0]))
        optimizer.update(&p, gradients: Self.parameters([-0.25, 0, 0, 0, 0, 0, 0, 0, 0]))
        // Hand computation in Double, step by step.
        var theta = 1.0
        var m = 0.0
        var v = 0.0
        for (t, g) in [(1.0, 0.5), (2.0, -0.25)] {
            theta *= 1 - 0.01 * 0.1
            m = 0.9 * m + 0.1 * g
            v = 0.99 * v + 0.01 * g * g
            let mHat = m / (1 - pow(0.9, t))
            let vHat = v / (1 - pow(0.99, t))
            theta -= 0.01 * mHat / (vHat.squareRoot() + 1e-3)
        }
        #expect(isApproximatelyEqual(Double(p.values[0]), theta, absolute: 1e-6))
    }

    @Test func weightDecayIsDecoupledFromTheGradient() {
        // With a zero gradient only the decay acts: θ ← θ(1 − lr·wd) exactly, and the moments stay 0.
        // Through the gradient (L2 regularization), Adam would normalize it to a step of ≈ lr instead.
        let options = AdamWOptions(learningRate: 0.1, weightDecay: 0.5)
        var optimizer = AdamW(options: options, shape: Self.shape)
        var p = Self.parameters([0.5, -2, 0, 0, 0, 0, 0, 0, 0])
        optimizer.update(&p, gradients: MLPParameters(zerosFor: Self.shape))
        #expect(isApproximatelyEqual(Double(p.values[0]), 0.5 * 0.95, absolute: 1e-7))
        #expect(isApproximatelyEqual(Double(p.values[1]), -2 * 0.95, absolute: 1e-7))
        #expect(optimizer.firstMoment.values.allSatisfy { $0 == 0 })
        #expect(optimizer.secondMoment.values.allSatisfy { $0 == 0 })
    }
}
