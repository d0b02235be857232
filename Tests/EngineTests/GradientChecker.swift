import Engine
import TestSupport

/// Central-difference gradient checks for Float code.
///
/// Tolerances: the engine computes in Float (ε ≈ 6e-8). With step h = 1e-2, Float rounding in a loss
/// of order 1 contributes ≈ 1e-6 / (2h) ≈ 5e-5 to the numerical derivative, and the truncation error
/// h²·f‴/6 is ≈ 1e-4 for the smooth, O(1)-scaled functions below. So agreement within 2e-3 absolute
/// or 2e-2 relative separates correct gradients from wrong ones, which miss by O(0.1) or more
/// (see the negative controls).
enum GradientChecker {
    static let step: Float = 1e-2

    /// dL/dx_i for every i by (L(x + h·e_i) − L(x − h·e_i)) / 2h; the loss is accumulated in Double.
    static func numericalGradient(at x: [Float], _ loss: ([Float]) -> Double) -> [Double] {
        (0..<x.count).map { i in
            var plus = x
            var minus = x
            plus[i] += step
            minus[i] -= step
            return (loss(plus) - loss(minus)) / Double(2 * step)
        }
    }

    /// The numerical gradient of a model's cross-entropy on `examples` with respect to all its
    /// parameters; `loss` evaluates a perturbed copy (default: `evaluate`, the plain forward pass).
    static func numericalGradient(
        of model: MLP, on examples: [Example], loss: ((MLP) -> Double)? = nil
    ) -> [Double] {
        let lossOf = loss ?? { $0.evaluate(examples, loss: .crossEntropy).loss }
        return numericalGradient(at: model.parameters.values) { values in
            var perturbed = model
            perturbed.parameters.values = values
            return lossOf(perturbed)
        }
    }

    /// Whether an analytic gradient matches the numerical one everywhere.
    static func agrees(_ analytic: [Float], _ numerical: [Double]) -> Bool {
        isApproximatelyEqual(analytic.map(Double.init), numerical, absolute: 2e-3, relative: 2e-2)
    }

    /// `nil` when the gradients agree, else where they differ most (a readable test failure).
    static func disagreement(_ analytic: [Float], _ numerical: [Double]) -> String? {
        guard !agrees(analytic, numerical) else { return nil }
        let worst = analytic.indices.max {
            abs(Double(analytic[$0]) - numerical[$0]) < abs(Double(analytic[$1]) - numerical[$1])
        }!
        return "largest difference at index \(worst): analytic \(analytic[worst]), numerical \(numerical[worst])"
    }

    /// A random projection Σ w_i·y_i turns any vector output into a scalar loss whose gradient with
    /// respect to y is w (the upstream gradient fed to `backward`).
    static func projection(_ y: [Float], _ weights: [Float]) -> Double {
        zip(y, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    static func randomValues(_ count: Int, _ generator: inout SplitMix64, scale: Double = 1) -> [Float] {
        (0..<count).map { _ in Float(generator.nextUniform(-scale, scale)) }
    }
}
