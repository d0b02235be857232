/// One point of a series. Values may be NaN or ±inf (a diverged run): drawn as gaps, never used
/// for the y-range.
public struct ChartPoint: Equatable, Sendable {
    public var step: Int
    public var value: Double
    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}

/// A named series in a theme colour. `raw`, when set, is drawn dim underneath (the smoothed series
/// in `points` is drawn bright on top, TensorBoard-style).
public struct SeriesModel: Equatable, Sendable {
    /// How the line is drawn where colour cannot tell series apart (mono): solid or dotted.
    public enum Pattern: Equatable, Sendable {
        case solid, dotted
    }

    public var name: String
    public var role: ThemeRole
    public var points: [ChartPoint]
    public var raw: [ChartPoint]?
    /// The latest recorded value (raw, not downsampled or smoothed), for the legend; nil = take the
    /// last finite point.
    public var latest: Double?
    public var pattern: Pattern

    public init(
        name: String, role: ThemeRole, points: [ChartPoint], raw: [ChartPoint]? = nil, latest: Double? = nil,
        pattern: Pattern? = nil
    ) {
        self.name = name
        self.role = role
        self.points = points
        self.raw = raw
        self.latest = latest
        self.pattern = pattern ?? ((role == .testLoss || role == .testAccuracy) ? .dotted : .solid)
    }

    /// Convenience for `[(step, value)]` tuples.
    public init(
        name: String, role: ThemeRole, _ tuples: [(step: Int, value: Double)], raw: [(step: Int, value: Double)]? = nil
    ) {
        self.init(
            name: name, role: role, points: tuples.map { ChartPoint(step: $0.step, value: $0.value) },
            raw: raw?.map { ChartPoint(step: $0.step, value: $0.value) })
    }

    /// The last finite value of the drawn points (a bucket extreme when downsampled).
    public var latestFinite: Double? { points.last(where: { $0.value.isFinite })?.value }
    /// What the legend shows: the latest raw value when known.
    public var legendValue: Double? { latest ?? latestFinite }
}

/// A line chart: title, series, optional log-y and y-range override.
public struct ChartModel: Equatable, Sendable {
    public var title: String
    public var series: [SeriesModel]
    public var logY: Bool
    /// Fixed y-range (e.g. 0…1 for accuracy); nil = fit the visible finite data.
    public var yRange: ClosedRange<Double>?
    /// How the title formats values: plain numbers or percentages (accuracy).
    public var valueFormat: ValueFormat
    /// Unit shown after the title, e.g. "nats" for losses.
    public var unit: String?
    /// The chart keys act on (`y`): its title is highlighted.
    public var isFocused: Bool
    /// Smoothing weight of the drawn line (0 = raw); the title says "EMA w" so a smoothed line is
    /// never mistaken for the data. Legend numbers are always raw.
    public var smoothing: Double

    public enum ValueFormat: Equatable, Sendable {
        case number
        case percent
    }

    public init(
        title: String, series: [SeriesModel], logY: Bool = false, yRange: ClosedRange<Double>? = nil,
        valueFormat: ValueFormat = .number, unit: String? = nil, isFocused: Bool = false, smoothing: Double = 0
    ) {
        self.title = title
        self.series = series
        self.logY = logY
        self.yRange = yRange
        self.valueFormat = valueFormat
        self.unit = unit
        self.isFocused = isFocused
        self.smoothing = smoothing
    }
}

/// The compression-window statistics (docs/phases.md); nil fields show as "—".
public struct CompressionPanelModel: Equatable, Sendable {
    /// Pearson r of test loss vs LMN over the compression window.
    public var rTestLossLMN: Double?
    /// Pearson r of test loss vs L2 norm over the same window.
    public var rTestLossL2: Double?
    /// Relative LMN drop over the window (0.42 = fell by 42 %).
    public var lmnDrop: Double?
    /// Grokking delay t_gen − t_mem in steps.
    public var delaySteps: Int?
    /// "[t_mem, now)" or "[t_mem, t_gen)", and notes such as "no grokking (generalized while fitting)".
    public var note: String?

    public init(
        rTestLossLMN: Double? = nil, rTestLossL2: Double? = nil, lmnDrop: Double? = nil, delaySteps: Int? = nil,
        note: String? = nil
    ) {
        self.rTestLossLMN = rTestLossLMN
        self.rTestLossL2 = rTestLossL2
        self.lmnDrop = lmnDrop
        self.delaySteps = delaySteps
        self.note = note
    }
}

/// Values under the cursor in cursor mode.
public struct CursorReadout: Equatable, Sendable {
    public struct Value: Equatable, Sendable {
        public var name: String
        public var value: Double
        public var role: ThemeRole
        public init(name: String, value: Double, role: ThemeRole) {
            self.name = name
            self.value = value
            self.role = role
        }
    }

    public var step: Int
    /// The phase at the cursor step.
    public var phase: PhaseRole?
    public var values: [Value]
    public init(step: Int, phase: PhaseRole? = nil, values: [Value]) {
        self.step = step
        self.phase = phase
        self.values = values
    }
}

/// One labelled sparkline in the strip under the charts.
public struct SparklineModel: Equatable, Sendable {
    public var label: String
    public var role: ThemeRole
    public var values: [Double]
    /// Fixed value range (accuracy: 0…1); nil = fit the values.
    public var range: ClosedRange<Double>?
    public init(label: String, role: ThemeRole, values: [Double], range: ClosedRange<Double>? = nil) {
        self.label = label
        self.role = role
        self.values = values
        self.range = range
    }
}
