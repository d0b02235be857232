import EngineKernels

/// The first layer through token tables instead of the N×2d embedding rows. Its input row is
/// concat(E[a], E[b]) = T[a] + T[V + b] with T the 2V×2d "token inputs" (E in the left half of the
/// first V rows, in the right half of the last V; zeros elsewhere), so by linearity
///   forward   x·Wᵀ = P[a] + P[V + b]          with P = T·Wᵀ      (2V×width),
///   backward  dW = Σ_rows dzᵀ·x = Sᵀ·T,   dE from S·W,   with S = dz summed by token (2V×width).
/// Three (N×width)·… products become (2V×…)·… ones: on paper-add 62 rows instead of 768, about a
/// third of the step's multiply-adds (docs/performance.md, "Training"). Same model, same arithmetic
/// up to rounding order.
extension Embedding {
    /// Whether the token tables pay: no more token rows than batch rows.
    public func tokenSumsPay(rows: Int) -> Bool { 2 * vocabulary <= rows }

    /// Fills `inputs` (2V×2d) with T from the table (the zero halves included).
    @inlinable
    public func tokenInputs<Scalar: EngineScalar>(
        table: UnsafePointer<Scalar>, into inputs: UnsafeMutablePointer<Scalar>
    ) {
        inputs.update(repeating: 0, count: 2 * vocabulary * outputWidth)
        for v in 0..<vocabulary {
            (inputs + v * outputWidth).update(from: table + v * dimension, count: dimension)
            (inputs + (vocabulary + v) * outputWidth + dimension).update(from: table + v * dimension, count: dimension)
        }
    }

    /// out[row] (width) = products[a] + products[V + b], the first layer's product without bias.
    @inlinable
    public func tokenRows<Scalar: EngineScalar>(
        _ products: UnsafePointer<Scalar>, width: Int, examples: UnsafePointer<Example>, rows: Int,
        into out: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        if path.runsVector(Scalar.self) {
            ek_token_rows_f32(
                LayerKernels.float(products), width, LayerKernels.field(examples, \.a),
                LayerKernels.field(examples, \.b), LayerKernels.exampleStride, rows, vocabulary,
                LayerKernels.float(out))
            return
        }
        for row in 0..<rows {
            let a = products + Int(examples[row].a) * width
            let b = products + (vocabulary + Int(examples[row].b)) * width
            let destination = out + row * width
            for j in 0..<width { destination[j] = a[j] + b[j] }
        }
    }

    /// sums (2V×width) := dz (rows×width) summed by token: rows of a into sums[a], of b into sums[V + b].
    @inlinable
    public func tokenSums<Scalar: EngineScalar>(
        _ dz: UnsafePointer<Scalar>, width: Int, examples: UnsafePointer<Example>, rows: Int,
        into sums: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        sums.update(repeating: 0, count: 2 * vocabulary * width)
        if path.runsVector(Scalar.self) {
            ek_token_sums_f32(
                LayerKernels.float(dz), width, LayerKernels.field(examples, \.a), LayerKernels.field(examples, \.b),
                LayerKernels.exampleStride, rows, vocabulary, LayerKernels.float(sums))
            return
        }
        for row in 0..<rows {
            let source = dz + row * width
            let a = sums + Int(examples[row].a) * width
            let b = sums + (vocabulary + Int(examples[row].b)) * width
            for j in 0..<width { a[j] += source[j] }
            for j in 0..<width { b[j] += source[j] }
        }
    }

    /// tableGradient += dE from the token sums: products (2V×2d) := S·W, then token v gets the left
    /// half of row v (as first operand) plus the right half of row V + v (as second).
    @inlinable
    public func tableGradient<Scalar: EngineScalar>(
        sums: UnsafePointer<Scalar>, width: Int, weight: UnsafePointer<Scalar>, products: UnsafeMutablePointer<Scalar>,
        into tableGradient: UnsafeMutablePointer<Scalar>
    ) {
        Scalar.gemm(
            transposeA: false, transposeB: false, m: 2 * vocabulary, n: outputWidth, k: width, alpha: 1, a: sums,
            b: weight, beta: 0, c: products)
        for v in 0..<vocabulary {
            let left = products + v * outputWidth
            let right = products + (vocabulary + v) * outputWidth + dimension
            let row = tableGradient + v * dimension
            for j in 0..<dimension { row[j] += left[j] + right[j] }
        }
    }
}
