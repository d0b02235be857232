import Foundation

/// Element-wise nonlinearities of the MLP. Scalar forms in both precisions: the engine trains in
/// `Float` or `Double` (`EngineScalar`), while LMN (Metrics) evaluates the network tail in `Double`.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case silu, relu, gelu, tanh

    /// σ(x) in `Double`.
    @inlinable public func apply(_ x: Double) -> Double {
        switch self {
        case .silu: return x / (1 + Foundation.exp(-x))
        case .relu: return x > 0 ? x : 0
        // Exact (erf) GELU, as PyTorch's default.
        case .gelu: return 0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot()))
        case .tanh: return Foundation.tanh(x)
        }
    }

    /// dσ/dx in `Double`.
    @inlinable public func derivative(_ x: Double) -> Double {
        switch self {
        case .silu:
            let s = 1 / (1 + Foundation.exp(-x))
            return s * (1 + x * (1 - s))
        case .relu: return x > 0 ? 1 : 0
        case .gelu:
            let cdf = 0.5 * (1 + Foundation.erf(x / 2.0.squareRoot()))
            let pdf = Foundation.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            return cdf + x * pdf
        case .tanh:
            let t = Foundation.tanh(x)
            return 1 - t * t
        }
    }

    /// σ(x) in the engine's training precision (`Float` or `Double`); the kernels' slow twin.
    @inlinable public func apply<Scalar: EngineScalar>(_ x: Scalar) -> Scalar {
        switch self {
        case .silu: return x / (1 + Scalar.exactExp(-x))
        case .relu: return x > 0 ? x : 0
        case .gelu: return 0.5 * x * (1 + Scalar.erf(x * 0.70710678118654752))
        case .tanh: return Scalar.tanh(x)
        }
    }

    /// dσ/dx in the engine's training precision.
    @inlinable public func derivative<Scalar: EngineScalar>(_ x: Scalar) -> Scalar {
        switch self {
        case .silu:
            let s = 1 / (1 + Scalar.exactExp(-x))
            return s * (1 + x * (1 - s))
        case .relu: return x > 0 ? 1 : 0
        case .gelu:
            let cdf = 0.5 * (1 + Scalar.erf(x * 0.70710678118654752))
            let pdf = Scalar.exactExp(-0.5 * x * x) * 0.39894228040143268
            return cdf + x * pdf
        case .tanh:
            let t = Scalar.tanh(x)
            return 1 - t * t
        }
    }
}
