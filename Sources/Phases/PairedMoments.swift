/// Running means and co-moments of pairs (x, y), Welford style, so that Pearson r over a long window
/// is computed in one pass without the cancellation of naive sums of squares.
public struct PairedMoments: Sendable, Equatable {
    public private(set) var count = 0
    private var meanX = 0.0
    private var meanY = 0.0
    private var sumSquaresX = 0.0
    private var sumSquaresY = 0.0
    private var coMoment = 0.0

    public init() {}

    /// Adds a pair; pairs with a non-finite member are skipped (returns `false`).
    @discardableResult
    public mutating func add(_ x: Double, _ y: Double) -> Bool {
        guard x.isFinite, y.isFinite else { return false }
        count += 1
        let n = Double(count)
        let dx = x - meanX
        meanX += dx / n
        let dy = y - meanY
        meanY += dy / n
        // Uses the updated mean of one variable and the old deviation of the other (Welford).
        sumSquaresX += dx * (x - meanX)
        sumSquaresY += dy * (y - meanY)
        coMoment += dx * (y - meanY)
        return true
    }

    /// Pearson correlation; `nil` when fewer than 3 pairs or either variable is constant.
    public var pearson: Double? {
        guard count >= 3, sumSquaresX > 0, sumSquaresY > 0 else { return nil }
        let r = coMoment / (sumSquaresX.squareRoot() * sumSquaresY.squareRoot())
        guard r.isFinite else { return nil }
        return min(1, max(-1, r))
    }
}
