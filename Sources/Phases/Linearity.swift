/// How linear y is in x over paired samples: the least-squares line, its r², the r² of the best
/// monotone fit, and their ratio, the linearity score (docs/linearity.md).
///
/// Pearson r cannot tell a line from a smooth monotone curve (y = x⁴ on [0, 1] still has r = 0.87).
/// The monotone fit (isotonic regression) explains everything a monotone function can; the line
/// explains only its straight part. So `score = linear r² / monotone r²` is 1 for a line and falls as
/// the relation bends, independently of how strong the relation is.
public struct LinearityFit: Sendable, Equatable {
    /// Pairs used (both members finite).
    public var count: Int
    /// Least-squares line y ≈ slope·x + intercept.
    public var slope: Double
    public var intercept: Double
    /// r² of the least-squares line (= Pearson r²).
    public var linearR2: Double
    /// r² of the best monotone fit (non-decreasing or non-increasing, whichever fits better).
    public var monotoneR2: Double
    /// `linearR2 / monotoneR2` in [0, 1]; `nil` when the monotone fit explains nothing (pure noise
    /// whose best monotone fit is a constant).
    public var score: Double?

    public init(
        count: Int, slope: Double, intercept: Double, linearR2: Double, monotoneR2: Double, score: Double?
    ) {
        self.count = count
        self.slope = slope
        self.intercept = intercept
        self.linearR2 = linearR2
        self.monotoneR2 = monotoneR2
        self.score = score
    }
}

/// The outcome of a linearity analysis.
public enum Linearity: Sendable, Equatable {
    /// Fewer than `Linearity.minimumCount` finite pairs.
    case notEnoughData(count: Int)
    /// x or y does not vary: no line is defined.
    case constant(count: Int)
    case fitted(LinearityFit)

    public static let minimumCount = 3

    /// The fit, when there is one.
    public var fit: LinearityFit? {
        if case .fitted(let fit) = self { return fit }
        return nil
    }

    /// Finite pairs the analysis saw.
    public var count: Int {
        switch self {
        case .notEnoughData(let n), .constant(let n): return n
        case .fitted(let fit): return fit.count
        }
    }

    /// Analyses pairs (x, y); pairs with a NaN or infinite member are skipped.
    public static func analyze(x: [Double], y: [Double]) -> Linearity {
        var pairs: [(x: Double, y: Double)] = []
        pairs.reserveCapacity(min(x.count, y.count))
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite { pairs.append((a, b)) }
        let n = pairs.count
        guard n >= minimumCount else { return .notEnoughData(count: n) }

        // Two passes around the means: no cancellation when values sit far from zero.
        let meanX = pairs.reduce(0) { $0 + $1.x } / Double(n)
        let meanY = pairs.reduce(0) { $0 + $1.y } / Double(n)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for p in pairs {
            let dx = p.x - meanX
            let dy = p.y - meanY
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        let spread = max(abs(meanY), 1)
        guard sxx > 0, syy > 1e-24 * spread * spread * Double(n) else { return .constant(count: n) }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        let linearR2 = min(1, max(0, sxy * sxy / (sxx * syy)))

        pairs.sort { $0.x < $1.x }
        let increasing = Isotonic.squaredError(pairs, increasing: true)
        let decreasing = Isotonic.squaredError(pairs, increasing: false)
        // A line of either slope is itself monotone, so monotone r² ≥ linear r² up to rounding.
        let monotoneR2 = max(linearR2, min(1, max(0, 1 - min(increasing, decreasing) / syy)))
        let score = monotoneR2 > 1e-12 ? min(1, linearR2 / monotoneR2) : nil
        return .fitted(
            LinearityFit(
                count: n, slope: slope, intercept: intercept, linearR2: linearR2, monotoneR2: monotoneR2,
                score: score))
    }
}

/// Isotonic regression by pool-adjacent-violators. Equal x values are pooled first, so the fit is a
/// function of x (tied points share one fitted value).
enum Isotonic {
    private struct Block {
        var sum: Double
        var weight: Double
        var mean: Double { sum / weight }
    }

    /// Sum of squared residuals of the best non-decreasing (or non-increasing) fit to `pairs`,
    /// which must be sorted by x.
    static func squaredError(_ pairs: [(x: Double, y: Double)], increasing: Bool) -> Double {
        var blocks: [Block] = []
        blocks.reserveCapacity(pairs.count)
        var i = 0
        while i < pairs.count {
            var block = Block(sum: 0, weight: 0)
            let x = pairs[i].x
            while i < pairs.count && pairs[i].x == x {
                block.sum += increasing ? pairs[i].y : -pairs[i].y
                block.weight += 1
                i += 1
            }
            blocks.append(block)
            // Merge backwards while the order is violated.
            while blocks.count >= 2 && blocks[blocks.count - 2].mean >= blocks[blocks.count - 1].mean {
                let last = blocks.removeLast()
                blocks[blocks.count - 1].sum += last.sum
                blocks[blocks.count - 1].weight += last.weight
            }
        }
        // Fitted values per point: walk the blocks in order.
        var error = 0.0
        var index = 0
        for block in blocks {
            let fitted = block.mean
            var remaining = block.weight
            while remaining > 0 {
                let y = increasing ? pairs[index].y : -pairs[index].y
                error += (y - fitted) * (y - fitted)
                index += 1
                remaining -= 1
            }
        }
        return error
    }
}
