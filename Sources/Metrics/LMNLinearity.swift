/// The Linear Mapping Number of arXiv 2310.05918 §2 (docs/lmn.md). The pieces shared by the naive
/// definition and the fast path live here, so both apply literally the same rules.
public enum LMN {
    /// Interpolation points per pair: λ = 0, 0.05, …, 1.
    public static let interpolationPoints = 21

    /// `λ_t = t / 20`.
    public static let lambdas: [Double] = (0..<interpolationPoints).map { Double($0) / 20 }

    /// Population variance of the λ grid: Σ(λ − ½)² / 21.
    static let lambdaVariance: Double = lambdas.map { ($0 - 0.5) * ($0 - 0.5) }.reduce(0, +) / 21

    /// A curve whose spread is below this fraction of its root-mean-square is numerically constant,
    /// hence linear: `r² = 1`. (Exact zero would make duplicate probes depend on rounding in the mean.)
    public static let constantCurveTolerance = 1e-10

    /// Squared Pearson correlation between a curve and λ, from its population moments:
    /// `mean` of the curve (without any constant `offset` that was left out of the values),
    /// `variance` = Σ(y − ȳ)²/21 and `covariance` = Σ(λ − λ̄)(y − ȳ)/21.
    /// Clamped to [0, 1], which Cauchy–Schwarz guarantees up to rounding; NaN if any moment overflowed.
    @inline(__always)
    static func squaredCorrelation(mean: Double, variance: Double, covariance: Double) -> Double {
        // Overflowed curves must surface (as NaN → an error), not pass as "constant".
        guard mean.isFinite, variance.isFinite, covariance.isFinite else { return .nan }
        let tolerance = constantCurveTolerance * constantCurveTolerance
        if variance <= tolerance * (mean * mean + variance) { return 1 }
        let r2 = covariance * covariance / (variance * lambdaVariance)
        return min(max(r2, 0), 1)
    }

    /// `r²` of one sampled curve `y(λ_0) … y(λ_20)`, two-pass (mean first) as in the definition.
    static func squaredCorrelation(curve: [Double]) -> Double {
        let mean = curve.reduce(0, +) / Double(curve.count)
        var variance = 0.0
        var covariance = 0.0
        for (t, y) in curve.enumerated() {
            variance += (y - mean) * (y - mean)
            covariance += (lambdas[t] - 0.5) * (y - mean)
        }
        return squaredCorrelation(
            mean: mean, variance: variance / Double(curve.count), covariance: covariance / Double(curve.count))
    }
}
