import Foundation
import LMNKernels

/// The truncated basis of the residual path (docs/performance.md, "Truncated basis"): the first
/// `count` discrete orthonormal polynomials over the 19 interior points λ_t = t/20, and the
/// tolerance under which a pair's truncated value is accepted.
///
/// With `ε_t = Σ_j c_j φ_j(t)` and `g_j = W·c_j`, the moments need `Σ_t e_t = √19·g₀`,
/// `Σ_t (λ_t − ½)e_t = a·g₁` and `Σ_t e_t² = Σ_j g_j²`: only the last sum loses terms, each ≥ 0 and
/// in total at most `(|W|·√r)²` per output (r = the energy dropped per hidden unit).
enum LMNTruncatedBasis {
    /// Coefficients kept per pair (rows through the last layer instead of 19).
    static let count = Int(LMN_BASIS)

    /// A pair's truncated value is used when the certified interval of `L_ij` is at most this wide;
    /// the midpoint is then within half of it of the untruncated value. See docs/performance.md for
    /// why 2e-11 keeps the LMN far inside 1e-7.
    static let tolerance = 2e-11

    /// Pairs of the sample that decides, once per evaluation, whether the truncated product is tried
    /// at all (`LMNCalculator.evaluate`), and the share of them that must be certified.
    static let samplePairs = 64
    static let sampleShare = 0.5

    /// φ_j(t) at `table[j·19 + t − 1]`, j < count: φ₀ ∝ 1, φ₁ ∝ λ − ½, then Gram–Schmidt (twice) of
    /// (λ − ½)^j against the previous rows, all normalized.
    static func table() -> [Double] {
        let points = LMN.interpolationPoints - 2
        let x = (1...points).map { LMN.lambdas[$0] - 0.5 }
        var rows: [[Double]] = []
        for j in 0..<count {
            var v = x.map { Foundation.pow($0, Double(j)) }
            for _ in 0..<2 {
                for row in rows {
                    let dot = zip(row, v).reduce(0) { $0 + $1.0 * $1.1 }
                    v = zip(v, row).map { $0 - dot * $1 }
                }
            }
            // Even rows symmetric, odd rows antisymmetric about t = 10 (exact in exact arithmetic; the
            // kernels rely on it, so rounding is not allowed to break it).
            let sign = j % 2 == 0 ? 1.0 : -1.0
            v = (0..<points).map { t in (v[t] + sign * v[points - 1 - t]) / 2 }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            rows.append(v.map { $0 / norm })
        }
        return rows.flatMap { $0 }
    }
}
