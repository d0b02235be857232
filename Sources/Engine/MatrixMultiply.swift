import CBLAS

/// Row-major single-precision matrix products. `gemm` goes through OpenBLAS; `naiveGemm` is its
/// slow, obviously-correct twin that tests compare it with on awkward shapes.
///
/// Both compute `C (m×n) = alpha · op(A) (m×k) · op(B) (k×n) + beta · C`, where `op(X)` is `X` or
/// `Xᵀ`. Storage is row-major with tight leading dimensions: `A` is m×k (or k×m when transposed),
/// `B` is k×n (or n×k when transposed), `C` is m×n.
public enum MatrixMultiply {
    /// Largest product (m·n·k multiply-adds) sent to OpenBLAS in one call; bigger ones are cut into
    /// row or depth slices of at most this size. OpenBLAS's SkylakeX build runs products up to 10⁶
    /// through its small-matrix kernel, which skips the packing copies that dominate the paper net's
    /// 768-row products (docs/performance.md); other kernels have no such path: `nil`, one call.
    nonisolated(unsafe) public static var sliceLimit: Int? = BLASRuntime.hasSmallMatrixKernel ? 1_000_000 : nil

    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, sliceLimit: Int? = MatrixMultiply.sliceLimit
    ) {
        guard m > 0, n > 0 else { return }
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        guard let limit = sliceLimit, m * n * k > limit, k > 0 else {
            call(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c)
            return
        }
        if transposeB && !transposeA {
            // OpenBLAS refuses its small kernel for this case (its column-major "TN" with a large C),
            // so B is transposed once (n·k copies, small next to m·n·k) and the slices run as NN.
            let transposed = UnsafeMutablePointer<Float>.allocate(capacity: n * k)
            defer { transposed.deallocate() }
            // OpenBLAS's blocked out-of-place transpose (a scalar loop here cost ≈ 2% of a training step).
            cblas_somatcopy(CblasRowMajor, CblasTrans, Int32(n), Int32(k), 1, b, Int32(k), transposed, Int32(n))
            gemm(
                transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: alpha, a: a, b: transposed, beta: beta,
                c: c, sliceLimit: limit)
            return
        }
        if m >= k || transposeB {
            // Slices of C's rows: A's rows (or columns when transposed), the same B.
            let rows = max(1, limit / (n * k))
            for start in stride(from: 0, to: m, by: rows) {
                let count = min(rows, m - start)
                call(
                    transposeA, transposeB, count, n, k, alpha, a + (transposeA ? start : start * k), lda, b, ldb, beta,
                    c + start * n)
            }
        } else {
            // Slices of the depth k (C accumulates): A's columns (rows when transposed), B's rows.
            let depth = max(1, limit / (m * n))
            for start in stride(from: 0, to: k, by: depth) {
                let count = min(depth, k - start)
                call(
                    transposeA, transposeB, m, n, count, alpha, a + (transposeA ? start * m : start), lda,
                    b + start * n, ldb, start == 0 ? beta : 1, c)
            }
        }
    }

    @usableFromInline
    static func call(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(n))
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
