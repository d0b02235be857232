import EngineKernels

/// The embedding gradient straight from the first layer's dL/dz, without the N×2d input gradient.
/// dL/d(input) = dz·W is linear in dz and every input row is two table rows, so summing dz by token
/// first (2·vocabulary rows) and multiplying once gives the same table gradient with a product of
/// (2V×width)·(width×2d) instead of (N×width)·(width×2d): on paper-add 62 rows instead of 768, a
/// ninth of the step's multiply-adds saved (docs/performance.md, "Training").
extension Embedding {
    /// Whether the token-sum backward pays: no more token rows than batch rows.
    public func tokenSumsPay(rows: Int) -> Bool { 2 * vocabulary <= rows }

    /// tableGradient += the embedding gradient for the first layer's output gradient `dz`
    /// (rows × width) and weight (width × 2d). `sums` holds 2V × width and `products` 2V × 2d scalars.
    @inlinable
    public func backward<Scalar: EngineScalar>(
        _ examples: UnsafePointer<Example>, rows: Int, firstLayerGradient dz: UnsafePointer<Scalar>, width: Int,
        weight: UnsafePointer<Scalar>, sums: UnsafeMutablePointer<Scalar>, products: UnsafeMutablePointer<Scalar>,
        tableGradient: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        sums.update(repeating: 0, count: 2 * vocabulary * width)
        if path.runsVector(Scalar.self) {
            ek_token_sums_f32(
                LayerKernels.float(dz), width, LayerKernels.field(examples, \.a), LayerKernels.field(examples, \.b),
                LayerKernels.exampleStride, rows, vocabulary, LayerKernels.float(sums))
        } else {
            for row in 0..<rows {
                let source = dz + row * width
                let a = sums + Int(examples[row].a) * width
                let b = sums + (vocabulary + Int(examples[row].b)) * width
                for j in 0..<width { a[j] += source[j] }
                for j in 0..<width { b[j] += source[j] }
            }
        }
        Scalar.gemm(
            transposeA: false, transposeB: false, m: 2 * vocabulary, n: outputWidth, k: width, alpha: 1, a: sums,
            b: weight, beta: 0, c: products)
        // Token v's gradient: its rows as the first operand (left half) and as the second (right half).
        for v in 0..<vocabulary {
            let left = products + v * outputWidth
            let right = products + (vocabulary + v) * outputWidth + dimension
            let row = tableGradient + v * dimension
            for j in 0..<dimension { row[j] += left[j] + right[j] }
        }
    }
}
