/// Buffer-wide forward and backward passes of an `Activation`. SiLU, the default, runs on the
/// vectorizable `VectorExp.exp`; the others call the scalar forms in `Activation.swift` (ReLU needs no `exp`;
/// GELU and tanh are options, not the hot path).
extension Activation {
    /// y = σ(z) element-wise over `count` values. With a `sigmoidCache` (SiLU only; ignored by the
    /// others), the logistic sigmoid of every z is stored there so `backward` needs no `exp`.
    @inlinable
    public func forward(
        _ z: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int,
        sigmoidCache: UnsafeMutablePointer<Float>? = nil
    ) {
        switch self {
        case .silu:
            if let cache = sigmoidCache {
                for i in 0..<count {
                    let s = 1 / (1 + VectorExp.exp(-z[i]))
                    cache[i] = s
                    y[i] = z[i] * s
                }
            } else {
                for i in 0..<count { y[i] = z[i] / (1 + VectorExp.exp(-z[i])) }
            }
        case .relu:
            for i in 0..<count { y[i] = z[i] > 0 ? z[i] : 0 }
        case .gelu, .tanh:
            for i in 0..<count { y[i] = apply(z[i]) }
        }
    }

    /// dL/dz = dL/dy ⊙ σ'(z) element-wise over `count` values; `sigmoidCache` as filled by `forward`.
    @inlinable
    public func backward(
        _ z: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dz: UnsafeMutablePointer<Float>, count: Int, sigmoidCache: UnsafePointer<Float>? = nil
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
                let s = 1 / (1 + VectorExp.exp(-z[i]))
                dz[i] = dy[i] * s * (1 + z[i] * (1 - s))
            }
        case .relu:
            for i in 0..<count { dz[i] = z[i] > 0 ? dy[i] : 0 }
        case .gelu, .tanh:
            for i in 0..<count { dz[i] = dy[i] * derivative(z[i]) }
        }
    }

    /// Array convenience: σ applied to every element.
    public func forward(_ z: [Float]) -> [Float] {
        var y = [Float](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { z in
            y.withUnsafeMutableBufferPointer { y in
                guard let zp = z.baseAddress, let yp = y.baseAddress else { return }
                forward(zp, into: yp, count: z.count)
            }
        }
        return y
    }

    /// Array convenience: the gradient with respect to the pre-activations `z`.
    public func backward(_ z: [Float], outputGradient dy: [Float]) -> [Float] {
        precondition(z.count == dy.count, "backward: z and dy differ in length")
        var dz = [Float](repeating: 0, count: z.count)
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
