import Phases

extension SeriesHistory {
    /// Chart columns for `range`, at most `columns` of them (only non-empty columns are returned, in
    /// column order). Downsampled buckets wider than a column cover every column they overlap.
    /// `smoothingWeight` (0 ≤ w < 1) drives a debiased EMA run over the whole stored history from
    /// its start, so the smoothed line does not restart at the left edge of a zoomed view.
    /// With `logX`, columns are spaced on a log step axis (`StepFraction`), so early steps get room.
    public func points(
        in range: ClosedRange<Int>, columns: Int, smoothingWeight: Double = 0, logX: Bool = false
    ) -> [ChartPoint] {
        guard columns > 0 else { return [] }
        let lo = range.lowerBound
        // In Double: steps may lie 2^54 apart (docs/limits.md); times a width that overflows Int.
        let span = Double(range.upperBound) - Double(lo) + 1
        func column(of step: Int) -> Int {
            let x =
                logX
                ? StepFraction.of(step, in: range, logX: true) * Double(columns)
                : (Double(step) - Double(lo)) * Double(columns) / span
            return x >= Double(columns - 1) ? columns - 1 : x > 0 ? Int(x) : 0
        }

        var cells = [ChartPoint?](repeating: nil, count: columns)
        var ema = DebiasedEMA(weight: smoothingWeight)
        var done = false
        forEachItem { item in
            guard !done else { return }
            if item.firstStep > range.upperBound {
                done = true
                return
            }
            if let mean = item.mean { ema.add(mean: mean, count: item.finiteCount) }
            guard item.lastStep >= lo else { return }
            let smoothed = smoothingWeight == 0 ? item.last : ema.value
            for c in column(of: item.firstStep)...column(of: item.lastStep) {
                if var cell = cells[c] {
                    cell.lastStep = item.lastStep
                    cell.min = Self.combine(cell.min, item.min, Swift.min)
                    cell.max = Self.combine(cell.max, item.max, Swift.max)
                    if let last = item.last { cell.last = last }
                    if item.finiteCount > 0 { cell.smoothed = smoothed }
                    cell.hasGap = cell.hasGap || item.nonFiniteCount > 0
                    cell.pointCount += item.count
                    cells[c] = cell
                } else {
                    cells[c] = ChartPoint(
                        column: c, firstStep: item.firstStep, lastStep: item.lastStep, min: item.min,
                        max: item.max, last: item.last, smoothed: item.finiteCount > 0 ? smoothed : nil,
                        hasGap: item.nonFiniteCount > 0, pointCount: item.count)
                }
            }
        }
        return cells.compactMap { $0 }
    }

    private static func combine(_ a: Double?, _ b: Double?, _ f: (Double, Double) -> Double) -> Double? {
        guard let a else { return b }
        guard let b else { return a }
        return f(a, b)
    }

    /// The value recorded at the last step ≤ `step`, or `nil` if the series starts later.
    public func reading(atOrBefore step: Int, name: String) -> SeriesReading? {
        var found: SeriesBucket?
        var done = false
        forEachItem { item in
            guard !done else { return }
            if item.firstStep > step {
                done = true
            } else {
                found = item
            }
        }
        guard let item = found else { return nil }
        if item.count == 1 {
            return SeriesReading(
                series: name, step: item.firstStep, value: item.lastValue, isExact: true, min: item.min,
                max: item.max)
        }
        return SeriesReading(
            series: name, step: Swift.min(item.lastStep, step), value: item.last ?? .nan, isExact: false,
            min: item.min, max: item.max)
    }

    public func summary(name: String) -> SeriesSummary {
        SeriesSummary(
            name: name, count: count, nonFiniteCount: nonFiniteCount, latestStep: latest?.step,
            latest: latest?.value, latestFinite: latestFinite?.value, min: finiteMin, max: finiteMax)
    }
}
