import Foundation

/// The dashboard's charts, as the view state knows them: which one has the focus (what `y` acts
/// on) and which are drawn on a log-y axis. The order is the focus cycle.
public enum ChartPanel: String, CaseIterable, Sendable {
    case loss, accuracy, lmn, l2, layerNorms

    /// Losses span decades: log-y by default; everything else starts linear.
    public static let defaultLogY: Set<ChartSlot> = [.loss]
}

/// Where a step lies on the x axis, as a fraction 0…1 of `range`: linear, or log10(1 + s − lo)
/// over log10(1 + hi − lo) for log-x (the first steps get room; the offset keeps step `lo` at 0).
/// The TUI's `StepScale` uses the same formula, so data columns and drawn columns agree.
public enum StepFraction {
    public static func of(_ step: Int, in range: ClosedRange<Int>, logX: Bool) -> Double {
        let lo = range.lowerBound
        let span = Double(range.upperBound) - Double(lo)
        guard span > 0 else { return 0 }
        let offset = Double(step) - Double(lo)
        if logX { return offset <= 0 ? 0 : Swift.min(1, Foundation.log1p(offset) / Foundation.log1p(span)) }
        return Swift.min(1, Swift.max(0, offset / span))
    }

}
