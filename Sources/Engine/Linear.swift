/// A fully connected layer `y = x·Wᵀ + b` (PyTorch's `nn.Linear` layout), in either `EngineScalar`.
///
/// Shapes, for a batch of N rows: x N×inputs, W outputs×inputs, b outputs, y N×outputs.
/// The layer owns no storage: parameters live in `MLPParameters`, activations in the trainer's
/// workspace, so a training step allocates nothing.
public struct Linear: Sendable, Equatable {
    public let inputs: Int
    public let outputs: Int

    public init(inputs: Int, outputs: Int) {
        self.inputs = inputs
        self.outputs = outputs
    }

    /// y (N×out) = x (N×in) · Wᵀ (in×out) + b: the product with β = 0 (OpenBLAS's kernel that
    /// never reads C), then the bias in one vector pass.
    @inlinable
    public func forward<Scalar: EngineScalar>(
        _ x: UnsafePointer<Scalar>, rows: Int, weight: UnsafePointer<Scalar>, bias: UnsafePointer<Scalar>,
        into y: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        Scalar.gemm(
            transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs,
            alpha: 1, a: x, b: weight, beta: 0, c: y)
        LayerKernels.addBias(y, bias: bias, rows: rows, columns: outputs, path: path)
    }

    /// `forward` followed by SiLU, fused: with t = x·Wᵀ + b, `activations` receive SiLU(t) and
    /// `sigmoid` σ(t), which is what `LayerKernels.siluBackward` needs. `z` holds the product on the
    /// way; `activations` may be `z` itself (the workspace does that).
    @inlinable
    public func forwardSiLU<Scalar: EngineScalar>(
        _ x: UnsafePointer<Scalar>, rows: Int, weight: UnsafePointer<Scalar>, bias: UnsafePointer<Scalar>,
        preActivations z: UnsafeMutablePointer<Scalar>, activations: UnsafeMutablePointer<Scalar>,
        sigmoid: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        Scalar.gemm(
            transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs,
            alpha: 1, a: x, b: weight, beta: 0, c: z)
        LayerKernels.biasSiLU(
            z, bias: bias, rows: rows, columns: outputs, activations: activations, sigmoid: sigmoid, path: path)
    }

    /// Accumulates dW (out×in) += dyᵀ·x and, when `biasGradient` is given, db (out) += Σ_rows dy
    /// (nil: the caller fused it into the activation's backward); when `inputGradient` is given,
    /// overwrites it with dx (N×in) = dy (N×out) · W (out×in).
    @inlinable
    public func backward<Scalar: EngineScalar>(
        _ x: UnsafePointer<Scalar>, rows: Int, weight: UnsafePointer<Scalar>,
        outputGradient dy: UnsafePointer<Scalar>,
        weightGradient: UnsafeMutablePointer<Scalar>, biasGradient: UnsafeMutablePointer<Scalar>?,
        inputGradient: UnsafeMutablePointer<Scalar>?, path: KernelPath = .preferred
    ) {
        Scalar.gemm(
            transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows,
            alpha: 1, a: dy, b: x, beta: 1, c: weightGradient)
        if let biasGradient {
            LayerKernels.addColumnSums(dy, rows: rows, columns: outputs, into: biasGradient, path: path)
        }
        if let dx = inputGradient {
            Scalar.gemm(
                transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs,
                alpha: 1, a: dy, b: weight, beta: 0, c: dx)
        }
    }
}

/// Gradients of one `Linear` call, as arrays (test and tooling convenience).
public struct LinearGradientsOf<Scalar: EngineScalar>: Sendable, Equatable {
    /// dL/dx, N×inputs.
    public var input: [Scalar]
    /// dL/dW, outputs×inputs.
    public var weight: [Scalar]
    /// dL/db, outputs.
    public var bias: [Scalar]
}

public typealias LinearGradients = LinearGradientsOf<Float>

extension Linear {
    /// Array convenience for `forward`.
    public func forward<Scalar: EngineScalar>(
        _ x: [Scalar], rows: Int, weight: [Scalar], bias: [Scalar], path: KernelPath = .preferred
    ) -> [Scalar] {
        precondition(x.count == rows * inputs && weight.count == outputs * inputs && bias.count == outputs)
        var y = [Scalar](repeating: 0, count: rows * outputs)
        x.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    y.withUnsafeMutableBufferPointer { y in
                        forward(
                            x.baseAddress!, rows: rows, weight: w.baseAddress!, bias: b.baseAddress!,
                            into: y.baseAddress!, path: path)
                    }
                }
            }
        }
        return y
    }

    /// Array convenience for `backward` (gradients start from zero).
    public func backward<Scalar: EngineScalar>(
        _ x: [Scalar], rows: Int, weight: [Scalar], outputGradient dy: [Scalar], path: KernelPath = .preferred
    ) -> LinearGradientsOf<Scalar> {
        precondition(x.count == rows * inputs && weight.count == outputs * inputs && dy.count == rows * outputs)
        var result = LinearGradientsOf<Scalar>(
            input: [Scalar](repeating: 0, count: rows * inputs),
            weight: [Scalar](repeating: 0, count: outputs * inputs),
            bias: [Scalar](repeating: 0, count: outputs))
        x.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                dy.withUnsafeBufferPointer { dy in
                    result.input.withUnsafeMutableBufferPointer { dx in
                        result.weight.withUnsafeMutableBufferPointer { dw in
                            result.bias.withUnsafeMutableBufferPointer { db in
                                backward(
                                    x.baseAddress!, rows: rows, weight: w.baseAddress!, outputGradient: dy.baseAddress!,
                                    weightGradient: dw.baseAddress!, biasGradient: db.baseAddress!,
                                    inputGradient: dx.baseAddress!, path: path)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
