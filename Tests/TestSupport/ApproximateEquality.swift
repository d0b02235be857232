/// The one approximate-equality rule of the test suite: `a` and `b` are close when
/// `|a − b| ≤ max(absolute, relative · max(|a|, |b|))`. Non-finite values are close only to themselves
/// (NaN to NaN), so a computation that diverges never passes by accident.
public func isApproximatelyEqual(
    _ a: Double, _ b: Double, absolute: Double = 1e-12, relative: Double = 1e-9
) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if !a.isFinite || !b.isFinite { return a == b }
    return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// Element-wise `isApproximatelyEqual` over two arrays of equal length.
public func isApproximatelyEqual(
    _ a: [Double], _ b: [Double], absolute: Double = 1e-12, relative: Double = 1e-9
) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy { isApproximatelyEqual($0, $1, absolute: absolute, relative: relative) }
}

/// The largest relative difference between two arrays (for readable failure messages).
public func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($0), abs($1), 1e-300) }.max() ?? 0
}
