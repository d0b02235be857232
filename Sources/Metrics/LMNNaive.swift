extension LMN {
    /// The definition, literally (docs/lmn.md): for every pair `i < j` and the 21 points λ, evaluate
    /// `T(h_i + λ(h_j − h_i))`, take `r²` of each logit against λ, average over logits into `L_ij`;
    /// then the spectral entropy of `L` (eigenvalues by Jacobi, independent of LAPACK).
    /// `hidden` holds the `count` probe representations, `count × tail.inputWidth` row-major.
    /// Slow (O(N² · 21 · |T|) scalar work); the reference for `LMNCalculator`.
    public static func naive(tail: NetworkTail, hidden: [Double], count: Int) throws -> LMNResult {
        try tail.validate(hidden: hidden, count: count)
        let width = tail.inputWidth
        let outputs = tail.outputWidth
        let probes = (0..<count).map { Array(hidden[($0 * width)..<(($0 + 1) * width)]) }
        var connectivity = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            connectivity[i * count + i] = 1
            for j in (i + 1)..<max(i + 1, count) {
                // curves[k][t] = y_k(λ_t)
                var curves = [[Double]](repeating: [Double](repeating: 0, count: interpolationPoints), count: outputs)
                for (t, lambda) in lambdas.enumerated() {
                    let h = (0..<width).map { probes[i][$0] + lambda * (probes[j][$0] - probes[i][$0]) }
                    for (k, y) in tail.evaluate(h).enumerated() { curves[k][t] = y }
                }
                let meanR2 = curves.map(squaredCorrelation(curve:)).reduce(0, +) / Double(outputs)
                connectivity[i * count + j] = meanR2
                connectivity[j * count + i] = meanR2
            }
        }
        guard connectivity.allSatisfy(\.isFinite) else { throw LMNError(.nonFiniteConnectivity) }
        let eigenvalues = SymmetricEigenvalues.jacobi(connectivity, order: count)
        let (entropy, value) = spectralEntropy(eigenvalues: eigenvalues)
        return LMNResult(
            value: value, entropy: entropy, eigenvalues: eigenvalues, probeCount: count, connectivity: connectivity)
    }
}
