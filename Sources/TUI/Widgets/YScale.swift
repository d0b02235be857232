import Foundation
import TextFormat

/// Maps values to a vertical fraction (0 = bottom, 1 = top), linear or log10. Built only from
/// finite (and, on a log axis, positive) values, so NaN/inf can never poison the range.
struct YScale: Equatable {
    let lower: Double
    let upper: Double
    let isLog: Bool

    /// Fits the finite values of all series in the visible steps, or uses an override.
    static func fit(
        _ series: [SeriesModel], steps: ClosedRange<Int>, logY: Bool, override: ClosedRange<Double>?
    ) -> YScale {
        var lo = Double.infinity
        var hi = -Double.infinity
        func visit(_ points: [ChartPoint]) {
            for p in points where steps.contains(p.step) {
                let v = p.value
                guard v.isFinite, !logY || v > 0 else { continue }
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        for s in series {
            visit(s.points)
            if let raw = s.raw { visit(raw) }
        }
        if let override, override.lowerBound.isFinite, override.upperBound.isFinite,
            !logY || override.lowerBound > 0
        {
            lo = override.lowerBound
            hi = override.upperBound
        }
        if !lo.isFinite || !hi.isFinite {  // no data yet
            return logY ? YScale(lower: 0.1, upper: 10, isLog: true) : YScale(lower: 0, upper: 1, isLog: false)
        }
        if logY {
            if hi / lo < 1.0001 {
                lo /= 2
                hi *= 2
            }
            return YScale(lower: lo, upper: hi, isLog: true)
        }
        if hi - lo < 1e-12 * max(1, abs(hi)) {
            let pad = abs(hi) > 0 ? abs(hi) * 0.1 : 1
            lo -= pad
            hi += pad
        }
        return YScale(lower: lo, upper: hi, isLog: false)
    }

    /// Fraction of the height, or nil for values that cannot be placed (non-finite, ≤ 0 on log).
    /// Values outside the range are clamped (an override range cuts spikes).
    func fraction(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        let f: Double
        if isLog {
            guard v > 0 else { return nil }
            f = (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        } else {
            f = (v / 2 - lower / 2) / (upper / 2 - lower / 2)  // halves: no overflow near ±1.8e308
        }
        return min(1, max(0, f))
    }

    func ticks(count: Int) -> [Double] {
        isLog
            ? NiceTicks.logarithmic(lower...upper, count: count)
            : NiceTicks.linear(lower...upper, count: count)
    }
}
