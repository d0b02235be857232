/// Buffer-wide forward and backward passes of an `Activation`. SiLU, the default, runs on
/// `Scalar.fastExp` (the vectorizable `VectorExp.exp` in `Float`); the others call the scalar forms in `Activation.swift` (ReLU needs no `exp`;
/// GELU and tanh are options, not the hot path).
extension Activation {
    /// y = σ(z) element-wise over `count` values. With a `sigmoidCache` (SiLU only; ignored by the
    /// others), the logistic sigmoid of every z is stored there so `backward` needs no `exp`.
    @inlinable
    public func forward<Scalar: EngineScalar>(
        _ z: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>, count: Int,
        sigmoidCache: UnsafeMutablePointer<Scalar>? = nil
    ) {
        switch self {
        case .silu:
            if let cache = sigmoidCache {
                for i in 0..<count {
                    let s = 1 / (1 + Scalar.fastExp(-z[i]))
                    cache[i] = s
                    y[i] = z[i] * s
                }
            } else {
                for i in 0..<count { y[i] = z[i] / (1 + Scalar.fastExp(-z[i])) }
            }
        case .relu:
            for i in 0..<count { y[i] = z[i] > 0 ? z[i] : 0 }
        case .gelu, .tanh:
            for i in 0..<count { y[i] = apply(z[i]) }
        }
    }

    /// dL/dz = dL/dy ⊙ σ'(z) element-wise over `count` values; `sigmoidCache` as filled by `forward`.
    @inlinable
    public func backward<Scalar: EngineScalar>(
        _ z: UnsafePointer<Scalar>, outputGradient dy: UnsafePointer<Scalar>,
        into dz: UnsafeMutablePointer<Scalar>, count: Int, sigmoidCache: UnsafePointer<Scalar>? = nil
    ) {
        switch self {
        case .silu:
            // σ'(x) = s·(1 + x·(1 − s)) with s the logistic sigmoid.
            if let cache = sigmoidCache {
                for i in 0..<count {
                    let s = cache[i]
                    dz[i] = dy[i] * s * (1 + z[i] * (1 - s))
                }
                return
            }
            for i in 0..<count {
                let s = 1 / (1 + Scalar.fastExp(-z[i]))
                dz[i] = dy[i] * s * (1 + z[i] * (1 - s))
            }
        case .relu:
            for i in 0..<count { dz[i] = z[i] > 0 ? dy[i] : 0 }
        case .gelu, .tanh:
            for i in 0..<count { dz[i] = dy[i] * derivative(z[i]) }
        }
    }

    /// Array convenience: σ applied to every element.
    public func forward<Scalar: EngineScalar>(_ z: [Scalar]) -> [Scalar] {
        var y = [Scalar](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { z in
            y.withUnsafeMutableBufferPointer { y in
                guard let zp = z.baseAddress, let yp = y.baseAddress else { return }
                forward(zp, into: yp, count: z.count)
            }
        }
        return y
    }

    /// Array convenience: the gradient with respect to the pre-activations `z`.
    public func backward<Scalar: EngineScalar>(_ z: [Scalar], outputGradient dy: [Scalar]) -> [Scalar] {
        precondition(z.count == dy.count, "backward: z and dy differ in length")
        var dz = [Scalar](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { z in
            dy.withUnsafeBufferPointer { dy in
                dz.withUnsafeMutableBufferPointer { dz in
                    guard let zp = z.baseAddress, let dyp = dy.baseAddress, let dzp = dz.baseAddress else { return }
                    backward(zp, outputGradient: dyp, into: dzp, count: z.count)
                }
            }
        }
        return dz
    }
}
