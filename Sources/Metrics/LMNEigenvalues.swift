import CBLAS

/// Eigenvalues of a real symmetric matrix, two ways: LAPACK (fast path) and cyclic Jacobi
/// (naive path, and a cross-check of LAPACK on small matrices).
public enum SymmetricEigenvalues {
    /// LAPACK `dsyevd` (divide and conquer), eigenvalues only, ascending. `matrix` is `order × order`
    /// row-major; symmetric, so row- and column-major coincide.
    public static func lapack(_ matrix: [Double], order: Int) throws -> [Double] {
        guard order > 0 else { return [] }
        var a = matrix
        var eigenvalues = [Double](repeating: 0, count: order)
        var jobz = CChar(UInt8(ascii: "N"))
        var uplo = CChar(UInt8(ascii: "U"))
        var n = Int32(order)
        var lda = Int32(order)
        var info: Int32 = 0
        // Workspace query: lwork = liwork = −1 returns the optimal sizes in work[0], iwork[0].
        var workSize = 0.0
        var iworkSize: Int32 = 0
        var query: Int32 = -1
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &eigenvalues, &workSize, &query, &iworkSize, &query, &info)
        guard info == 0 else { throw LMNError(.eigenSolverFailed(info: info)) }
        var lwork = Int32(workSize.rounded(.up))
        var liwork = max(iworkSize, 1)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &n, &a, &lda, &eigenvalues, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw LMNError(.eigenSolverFailed(info: info)) }
        return eigenvalues
    }

    /// Cyclic Jacobi rotations until the off-diagonal mass is negligible; eigenvalues ascending.
    /// O(n³) per sweep: meant for the naive path and tests, not for large N in a loop.
    public static func jacobi(_ matrix: [Double], order n: Int, maxSweeps: Int = 60) -> [Double] {
        var a = matrix
        let scale = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<maxSweeps {
            var offDiagonal = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { offDiagonal += 2 * a[p * n + q] * a[p * n + q] } }
            if offDiagonal <= 1e-30 * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
                    rotate(&a, n: n, p: p, q: q)
                }
            }
        }
        return (0..<n).map { a[$0 * n + $0] }.sorted()
    }

    /// One Jacobi rotation zeroing `a[p][q]` (Golub & Van Loan, symmetric Schur decomposition).
    private static func rotate(_ a: inout [Double], n: Int, p: Int, q: Int) {
        let apq = a[p * n + q]
        let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
    }
}
