import Phases
import Snapshots

/// A stretch of the visible step axis in one phase (for the phase band under the charts): the
/// detector's own `PhaseSpan`, clipped to the view.
public typealias PhaseBand = PhaseSpan

/// A vertical marker on the charts.
public struct StepMarker: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// `t_mem`
        case memorization
        /// `t_gen`
        case generalization
        /// Start of compression (docs/phases.md)
        case compression
        case lmnPeak
        /// LMN's post-generalization rise (XOR's second solution)
        case solutionSwitch
    }
    public var kind: Kind
    public var step: Int
    public var isConfirmed: Bool
    /// Short label: "t_mem", "t_gen", "compress", "LMN peak", "switch".
    public var label: String

    public init(kind: Kind, step: Int, isConfirmed: Bool, label: String) {
        self.kind = kind
        self.step = step
        self.isConfirmed = isConfirmed
        self.label = label
    }
}

/// What the cursor reads: every series at the cursor step, and the phase there.
public struct CursorReadout: Sendable, Equatable {
    public var step: Int
    /// Phase by confirmed boundaries (tentative ones when none is confirmed yet).
    public var phase: Phase?
    /// Seconds since the run started, at the last evaluation ≤ step.
    public var wallTime: Double?
    /// One reading per series (all series, layer norms included), in display order.
    public var readings: [SeriesReading]

    public init(step: Int, phase: Phase? = nil, wallTime: Double? = nil, readings: [SeriesReading]) {
        self.step = step
        self.phase = phase
        self.wallTime = wallTime
        self.readings = readings
    }
}

/// Liveness of the stream.
public struct Liveness: Sendable, Equatable {
    /// Clock time of the last record received (any kind), `nil` before the first.
    public var lastRecordTime: Double?
    /// Seconds since then.
    public var secondsSinceLastRecord: Double?
    /// No record for more than `staleAfter` seconds and the run has not ended.
    public var isStale: Bool
    public var droppedRecords: Int
    public var malformedLines: Int
    public var outOfOrderEvaluations: Int

    public init(
        lastRecordTime: Double? = nil, secondsSinceLastRecord: Double? = nil, isStale: Bool,
        droppedRecords: Int, malformedLines: Int, outOfOrderEvaluations: Int
    ) {
        self.lastRecordTime = lastRecordTime
        self.secondsSinceLastRecord = secondsSinceLastRecord
        self.isStale = isStale
        self.droppedRecords = droppedRecords
        self.malformedLines = malformedLines
        self.outOfOrderEvaluations = outOfOrderEvaluations
    }
}

/// Everything the UI draws for one frame, as a value. Chart data comes from
/// `MonitorState.chart(series:columns:)`, which honours the same view.
public struct MonitorSnapshot: Sendable, Equatable {
    // Run
    public var header: RunHeader?
    public var end: RunEnd?
    /// Planned steps from the header, if known (for a progress bar).
    public var totalSteps: Int?
    public var evaluationCount: Int
    /// Evaluations received since the view was paused (0 when live).
    public var evaluationsWhilePaused: Int

    // Steps
    /// All displayed data (frozen while paused).
    public var dataRange: ClosedRange<Int>?
    public var visibleRange: ClosedRange<Int>?

    // Phases
    public var phases: PhaseReport
    /// Bands covering `visibleRange` (tentative boundaries included, flagged).
    public var phaseBands: [PhaseBand]
    /// t_mem, t_gen and LMN peak (all of them, visible or not; the chart clips).
    public var markers: [StepMarker]

    // Series
    /// Series the charts may show (per-layer norms only when switched on), in display order.
    public var seriesNames: [String]
    /// Latest values and extremes of every series (frozen while paused).
    public var latest: [SeriesSummary]
    public var focusedSeries: String?
    public var cursor: CursorReadout?

    // View flags
    public var isPaused: Bool
    public var isFollowing: Bool
    public var smoothingWeight: Double
    /// Whether the focused chart is log-y.
    public var isLogY: Bool
    public var logYCharts: Set<ChartSlot>
    public var focusedChart: ChartSlot
    /// What fills the chart slots, in order.
    public var chartSlots: [ChartSlot] = ChartSlot.standard
    public var isLogX: Bool
    public var isHelpVisible: Bool
    public var showsLayerNorms: Bool
    /// The compression-window scatter is switched on (its data: `MonitorState.scatter()`).
    public var showsScatter: Bool = false

    public var liveness: Liveness
    /// Most recent events, oldest first (frozen while paused).
    public var events: [LoggedEvent]
}

/// One series over the visible range, ready to draw in `columns` cells.
public struct ChartData: Sendable, Equatable {
    public var series: String
    public var stepRange: ClosedRange<Int>
    public var columns: Int
    public var points: [ChartPoint]
    public var smoothingWeight: Double
    public var isLogY: Bool
    /// Columns are spaced on a log step axis (see `StepFraction`).
    public var isLogX: Bool
    /// Finite y extent of the points (raw min/max and smoothed), `nil` if none is finite.
    public var yRange: ClosedRange<Double>?
    /// Extent of the positive values only, for a log-y axis.
    public var positiveYRange: ClosedRange<Double>?

    public init(
        series: String, stepRange: ClosedRange<Int>, columns: Int, points: [ChartPoint],
        smoothingWeight: Double, isLogY: Bool, isLogX: Bool = false, yRange: ClosedRange<Double>? = nil,
        positiveYRange: ClosedRange<Double>? = nil
    ) {
        self.isLogX = isLogX
        self.series = series
        self.stepRange = stepRange
        self.columns = columns
        self.points = points
        self.smoothingWeight = smoothingWeight
        self.isLogY = isLogY
        self.yRange = yRange
        self.positiveYRange = positiveYRange
    }
}
