/// One chart column of one series: everything recorded between `firstStep` and `lastStep` that maps
/// to `column`. A chart draws a vertical span `min…max` (so spikes show at any zoom) and a line
/// through `last` or `smoothed`. NaN/±inf never enter min/max; they set `hasGap`.
public struct ChartPoint: Sendable, Equatable {
    /// Column index in `0..<columns` of the query.
    public var column: Int
    public var firstStep: Int
    public var lastStep: Int
    /// Finite extremes and last finite value; `nil` when the column holds only non-finite values.
    public var min: Double?
    public var max: Double?
    public var last: Double?
    /// Debiased EMA of the series up to this column (`nil` before any finite value). Equals `last`
    /// when the smoothing weight is 0.
    public var smoothed: Double?
    /// Some value in this column was NaN or ±inf: draw a gap marker.
    public var hasGap: Bool
    /// Recorded points summarized by this column.
    public var pointCount: Int

    public init(
        column: Int, firstStep: Int, lastStep: Int, min: Double?, max: Double?, last: Double?,
        smoothed: Double?, hasGap: Bool, pointCount: Int
    ) {
        self.column = column
        self.firstStep = firstStep
        self.lastStep = lastStep
        self.min = min
        self.max = max
        self.last = last
        self.smoothed = smoothed
        self.hasGap = hasGap
        self.pointCount = pointCount
    }
}

/// The value of a series at (or just before) a step, for the cursor readout.
public struct SeriesReading: Sendable, Equatable {
    public var series: String
    /// The recorded step the value belongs to (≤ the asked step); for downsampled history (not
    /// exact), the asked step.
    public var step: Int
    /// The value (may be NaN/±inf if that is what was recorded). For a downsampled bucket, its last
    /// finite value.
    public var value: Double
    /// `false` when the step lies in downsampled history: then `min…max` is the bucket's range.
    public var isExact: Bool
    public var min: Double?
    public var max: Double?

    public init(
        series: String, step: Int, value: Double, isExact: Bool, min: Double? = nil, max: Double? = nil
    ) {
        self.series = series
        self.step = step
        self.value = value
        self.isExact = isExact
        self.min = min
        self.max = max
    }
}

/// Latest value and whole-run extremes of one series.
public struct SeriesSummary: Sendable, Equatable {
    public var name: String
    public var count: Int
    public var nonFiniteCount: Int
    /// Latest recorded value (may be non-finite) and its step.
    public var latestStep: Int?
    public var latest: Double?
    /// Latest finite value.
    public var latestFinite: Double?
    /// Finite extremes over the whole run.
    public var min: Double?
    public var max: Double?

    public init(
        name: String, count: Int, nonFiniteCount: Int, latestStep: Int? = nil, latest: Double? = nil,
        latestFinite: Double? = nil, min: Double? = nil, max: Double? = nil
    ) {
        self.name = name
        self.count = count
        self.nonFiniteCount = nonFiniteCount
        self.latestStep = latestStep
        self.latest = latest
        self.latestFinite = latestFinite
        self.min = min
        self.max = max
    }
}
