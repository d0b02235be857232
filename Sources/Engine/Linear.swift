/// A fully connected layer `y = x·Wᵀ + b` (PyTorch's `nn.Linear` layout).
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

    /// y (N×out) = x (N×in) · Wᵀ (in×out) + b.
    @inlinable
    public func forward(
        _ x: UnsafePointer<Float>, rows: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        into y: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            (y + row * outputs).update(from: bias, count: outputs)
        }
        MatrixMultiply.gemm(
            transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs,
            a: x, b: weight, beta: 1, c: y)
    }

    /// Accumulates dW (out×in) += dyᵀ·x and db (out) += Σ_rows dy; when `inputGradient` is given,
    /// overwrites it with dx (N×in) = dy (N×out) · W (out×in).
    @inlinable
    public func backward(
        _ x: UnsafePointer<Float>, rows: Int, weight: UnsafePointer<Float>,
        outputGradient dy: UnsafePointer<Float>,
        weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?
    ) {
        MatrixMultiply.gemm(
            transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows,
            a: dy, b: x, beta: 1, c: weightGradient)
        for row in 0..<rows {
            let dyRow = dy + row * outputs
            for j in 0..<outputs { biasGradient[j] += dyRow[j] }
        }
        if let dx = inputGradient {
            MatrixMultiply.gemm(
                transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs,
                a: dy, b: weight, beta: 0, c: dx)
        }
    }
}

/// Gradients of one `Linear` call, as arrays (test and tooling convenience).
public struct LinearGradients: Sendable, Equatable {
    /// dL/dx, N×inputs.
    public var input: [Float]
    /// dL/dW, outputs×inputs.
    public var weight: [Float]
    /// dL/db, outputs.
    public var bias: [Float]
}

extension Linear {
    /// Array convenience for `forward`.
    public func forward(_ x: [Float], rows: Int, weight: [Float], bias: [Float]) -> [Float] {
        precondition(x.count == rows * inputs && weight.count == outputs * inputs && bias.count == outputs)
        var y = [Float](repeating: 0, count: rows * outputs)
        x.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                bias.withUnsafeBufferPointer { b in
                    y.withUnsafeMutableBufferPointer { y in
                        forward(
                            x.baseAddress!, rows: rows, weight: w.baseAddress!, bias: b.baseAddress!,
                            into: y.baseAddress!)
                    }
                }
            }
        }
        return y
    }

    /// Array convenience for `backward` (gradients start from zero).
    public func backward(_ x: [Float], rows: Int, weight: [Float], outputGradient dy: [Float]) -> LinearGradients {
        precondition(x.count == rows * inputs && weight.count == outputs * inputs && dy.count == rows * outputs)
        var result = LinearGradients(
            input: [Float](repeating: 0, count: rows * inputs),
            weight: [Float](repeating: 0, count: outputs * inputs),
            bias: [Float](repeating: 0, count: outputs))
        x.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                dy.withUnsafeBufferPointer { dy in
                    result.input.withUnsafeMutableBufferPointer { dx in
                        result.weight.withUnsafeMutableBufferPointer { dw in
                            result.bias.withUnsafeMutableBufferPointer { db in
                                backward(
                                    x.baseAddress!, rows: rows, weight: w.baseAddress!, outputGradient: dy.baseAddress!,
                                    weightGradient: dw.baseAddress!, biasGradient: db.baseAddress!,
                                    inputGradient: dx.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
