import CBLAS

/// Row-major single-precision matrix products. `gemm` goes through OpenBLAS; `naiveGemm` is its
/// slow, obviously-correct twin that tests compare it with on awkward shapes.
///
/// Both compute `C (m×n) = alpha · op(A) (m×k) · op(B) (k×n) + beta · C`, where `op(X)` is `X` or
/// `Xᵀ`. Storage is row-major with tight leading dimensions: `A` is m×k (or k×m when transposed),
/// `B` is k×n (or n×k when transposed), `C` is m×n.
public enum MatrixMultiply {
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b,
            Int32(transposeB ? k : n), beta, c, Int32(n))
    }

    /// The reference: three loops, accumulated in `Double`.
    public static func naiveGemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let aValue = transposeA ? a[p * m + i] : a[i * k + p]
                    let bValue = transposeB ? b[j * k + p] : b[p * n + j]
                    sum += Double(aValue) * Double(bValue)
                }
                // beta == 0 must ignore C entirely (it may hold NaN garbage), as BLAS does.
                let previous = beta == 0 ? 0 : Double(beta) * Double(c[i * n + j])
                c[i * n + j] = Float(Double(alpha) * sum + previous)
            }
        }
    }

    /// Array convenience for tests and one-off products: returns `op(A) · op(B)` (m×n).
    public static func product(
        _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int,
        transposeA: Bool = false, transposeB: Bool = false, naive: Bool = false
    ) -> [Float] {
        precondition(a.count == m * k && b.count == k * n, "product: operand sizes do not match m, n, k")
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress else { return }
                    if naive {
                        naiveGemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c)
                    } else {
                        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: c)
                    }
                }
            }
        }
        return c
    }
}
