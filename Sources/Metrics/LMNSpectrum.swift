import Foundation

extension LMN {
    /// Entropy stage of the definition: `q = |μ| / Σ|μ|`, `S = −Σ q log₂ q` (q = 0 contributes 0),
    /// `LMN = 2^S`. Returns `(entropy S, LMN)`.
    public static func spectralEntropy(eigenvalues: [Double]) -> (entropy: Double, value: Double) {
        let total = eigenvalues.reduce(0) { $0 + abs($1) }
        guard total > 0, total.isFinite else { return (.nan, .nan) }
        var entropy = 0.0
        for mu in eigenvalues {
            let q = abs(mu) / total
            if q > 0 { entropy -= q * log2(q) }
        }
        return (entropy, exp2(entropy))
    }

    /// LMN of a given symmetric connectivity matrix `L` (`count × count`, row-major), with LAPACK
    /// `dsyevd` — the last stage of both paths, public so that tests can feed constructed matrices.
    public static func fromConnectivity(
        _ connectivity: [Double], count: Int, keepMatrix: Bool = true
    ) throws -> LMNResult {
        guard count >= 1 else { throw LMNError(.noProbes) }
        guard connectivity.count == count * count else {
            throw LMNError(.connectivityShape(count: count, values: connectivity.count))
        }
        guard connectivity.allSatisfy(\.isFinite) else { throw LMNError(.nonFiniteConnectivity) }
        let eigenvalues = try SymmetricEigenvalues.lapack(connectivity, order: count)
        let (entropy, value) = spectralEntropy(eigenvalues: eigenvalues)
        return LMNResult(
            value: value, entropy: entropy, eigenvalues: eigenvalues, probeCount: count,
            connectivity: keepMatrix ? connectivity : nil)
    }
}
