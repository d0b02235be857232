import Monitor
import TestSupport
import Testing

@Suite struct SeriesHistoryTests {
    @Test func memoryStaysBoundedForAMillionPoints() {
        var history = SeriesHistory(recentCapacity: 2048, bucketCapacity: 2048)
        for step in 0..<1_000_000 { history.append(step: step, value: Double(step % 1000)) }
        #expect(history.count == 1_000_000)
        #expect(history.storedItemCount <= 2048 + 1 + 2048)
        #expect(history.storedItemCount > 2048)  // old data is kept, downsampled
        #expect(history.approximateByteCount < 1_000_000)
        #expect(history.finiteMin == 0)
        #expect(history.finiteMax == 999)
        // Every point is accounted for in the whole-range columns.
        let columns = history.points(in: 0...999_999, columns: 50)
        #expect(columns.reduce(0) { $0 + $1.pointCount } >= 1_000_000)
    }

    @Test func spikeSurvivesDownsampling() throws {
        var history = SeriesHistory(recentCapacity: 256, bucketCapacity: 256)
        for step in 0..<200_000 {
            let value = step == 11_111 ? 1e6 : (step == 99_999 ? -50 : 1.0)
            history.append(step: step, value: value)
        }
        let points = history.points(in: 0...199_999, columns: 80)
        #expect(points.count == 80)
        let spike = try #require(points.first { $0.max == 1e6 })
        #expect(spike.firstStep <= 11_111 && 11_111 <= spike.lastStep)
        let dip = try #require(points.first { $0.min == -50 })
        #expect(dip.firstStep <= 99_999 && 99_999 <= dip.lastStep)
        // Negative control: columns away from the spike do not see it.
        let spikeColumns = points.filter { $0.max == 1e6 }
        #expect(spikeColumns.count <= 2)
        #expect(spikeColumns.allSatisfy { abs($0.column - 11_111 * 80 / 200_000) <= 1 })
        #expect(points.last?.max == 1.0)
        // Zoomed into old, downsampled data the spike is still there.
        let zoomed = history.points(in: 10_800...11_400, columns: 20)
        #expect(zoomed.contains { $0.max == 1e6 })
    }

    @Test func nonFiniteValuesAreGapsNotExtremes() throws {
        var history = SeriesHistory(recentCapacity: 4, bucketCapacity: 4)
        let values: [Double] = [1, .nan, 3, .infinity, 2, 5, -.infinity, 4, 6, 7]
        for (i, v) in values.enumerated() { history.append(step: i, value: v) }
        #expect(history.nonFiniteCount == 3)
        #expect(history.finiteMin == 1)
        #expect(history.finiteMax == 7)
        let points = history.points(in: 0...9, columns: 10)
        // Downsampled items may span several columns; each column's extremes are finite.
        for p in points {
            if let min = p.min, let max = p.max { #expect(min.isFinite && max.isFinite && min <= max) }
        }
        #expect(points.contains { $0.hasGap })
        let recent = history.points(in: 6...9, columns: 4)
        #expect(recent.map(\.hasGap) == [true, false, false, false])
        #expect(recent.first?.min == nil)  // only -inf at step 6
        #expect(recent.map(\.last) == [nil, 4, 6, 7])
        let summary = history.summary(name: "x")
        #expect(summary.latest == 7)
        #expect(summary.nonFiniteCount == 3)
    }

    @Test func fullResolutionColumnsAreExact() {
        var history = SeriesHistory()
        for step in stride(from: 0, through: 90, by: 10) { history.append(step: step, value: Double(step) / 10) }
        let points = history.points(in: 0...99, columns: 10)
        #expect(points.map(\.column) == Array(0..<10))
        #expect(points.map(\.last) == (0..<10).map { Double($0) })
        #expect(points.allSatisfy { $0.min == $0.max && $0.pointCount == 1 })
        // Two points per column when there are half as many columns.
        let halved = history.points(in: 0...99, columns: 5)
        #expect(halved.map(\.min) == [0, 2, 4, 6, 8])
        #expect(halved.map(\.max) == [1, 3, 5, 7, 9])
    }

    /// w = 0.5 on 1, 3, 5 → 1, 7/3, 27/7 (worked by hand in PhasesTests too).
    @Test func smoothedColumnsAreDebiasedEMA() throws {
        var history = SeriesHistory()
        for (i, v) in [1.0, 3, 5].enumerated() { history.append(step: i, value: v) }
        let points = history.points(in: 0...2, columns: 3, smoothingWeight: 0.5)
        let smoothed = points.map { $0.smoothed ?? .nan }
        #expect(isApproximatelyEqual(smoothed, [1, 7.0 / 3, 27.0 / 7]))
        #expect(points.map(\.last) == [1, 3, 5])  // raw kept
        // The EMA runs from the start of the history, not from the left edge of the view.
        let zoomed = history.points(in: 2...2, columns: 1, smoothingWeight: 0.5)
        #expect(isApproximatelyEqual(try #require(zoomed.first?.smoothed), 27.0 / 7))
    }

    @Test func readingsAtOrBeforeAStep() throws {
        var history = SeriesHistory(recentCapacity: 10, bucketCapacity: 4)
        for step in stride(from: 0, to: 1000, by: 10) { history.append(step: step, value: Double(step)) }
        let recent = try #require(history.reading(atOrBefore: 995, name: "v"))
        #expect(recent.isExact && recent.step == 990 && recent.value == 990)
        let between = try #require(history.reading(atOrBefore: 955, name: "v"))
        #expect(between.step == 950 && between.isExact)
        let old = try #require(history.reading(atOrBefore: 105, name: "v"))
        #expect(!old.isExact)
        #expect((old.min ?? .nan) <= 100 && 100 <= (old.max ?? .nan))
        #expect(history.reading(atOrBefore: -1, name: "v") == nil)
    }
}
