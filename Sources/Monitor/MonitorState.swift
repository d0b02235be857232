import Phases
import Snapshots

/// The headless state the UI draws: run header, bounded per-series histories, the phase detector,
/// events, the end record, liveness, and the view (zoom, cursor, pause, …). A value type fed records
/// one at a time; the UI reads `snapshot()` and `chart(series:columns:)`.
public struct MonitorState {
    // MARK: Configuration
    public let rules: PhaseRules
    /// Seconds without a record after which a live run counts as stale.
    public var staleAfter: Double
    public let clock: any MonitorClock
    let recentCapacity: Int
    let bucketCapacity: Int
    /// Smoothing weights cycled by `.cycleSmoothing`.
    public static let smoothingWeights: [Double] = [0, 0.6, 0.9, 0.99]
    /// Events kept (oldest dropped first).
    public static let eventCapacity = 500

    // MARK: Data
    public internal(set) var header: RunHeader?
    public internal(set) var end: RunEnd?
    var seriesIndex = MetricKeyTable()
    var series: [SeriesHistory] = []
    var names: [String] = []
    /// Series names by the record that brought them, alphabetical within a record.
    var arrivalOrder: [String] = []
    /// Sorted series names (well-known metrics first), rebuilt when a series appears.
    public internal(set) var seriesNames: [String] = []
    /// Wall time of each evaluation, by step (the step axis of the run).
    var wallTimes: SeriesHistory
    public internal(set) var detector: PhaseDetector
    /// (step, test loss, LMN, L2) for the compression-window scatter.
    var pairedSamples = PairedSampleBuffer()
    var events: [LoggedEvent] = []
    var eventTotal = 0
    public internal(set) var evaluationCount = 0
    public internal(set) var firstStep: Int?
    public internal(set) var lastStep: Int?

    // MARK: Liveness and stream health
    public internal(set) var lastRecordTime: Double?
    public internal(set) var droppedRecords = 0
    public internal(set) var malformedLines = 0
    /// Evaluations whose step did not increase (ignored).
    public internal(set) var outOfOrderEvaluations = 0

    // MARK: View
    public internal(set) var isFollowing = true
    /// Visible width in steps; `nil` = the whole run.
    public internal(set) var span: Int?
    var fixedUpper: Int?
    public internal(set) var cursorStep: Int?
    public internal(set) var chartColumns = 100
    public internal(set) var smoothingIndex = 0
    /// Charts drawn with a log-y axis (`y` toggles the focused one).
    public internal(set) var logYCharts = ChartPanel.defaultLogY
    /// What fills the chart slots, in order (`--charts`; `g` changes the focused one).
    public internal(set) var chartSlots = ChartSlot.standard
    /// Index of the focused slot; `chartSlots.count` = the layer-norm chart (Tab cycles).
    public internal(set) var focusedSlot = 0
    /// Log step axis on every chart (they share the step axis and the phase band).
    public internal(set) var isLogX = false
    public internal(set) var isHelpVisible = false
    public internal(set) var showsLayerNorms = false
    /// Show the compression-window scatter (test loss against LMN and L2).
    public internal(set) var showsScatter = false
    public internal(set) var focusedSeries: String?
    var frozen: FrozenView?

    public init(
        rules: PhaseRules = .paper, clock: any MonitorClock = SystemClock(), staleAfter: Double = 10,
        recentCapacity: Int = 2048, bucketCapacity: Int = 2048
    ) {
        self.rules = rules
        self.clock = clock
        self.staleAfter = staleAfter
        self.recentCapacity = recentCapacity
        self.bucketCapacity = bucketCapacity
        detector = PhaseDetector(rules: rules)
        wallTimes = SeriesHistory(recentCapacity: recentCapacity, bucketCapacity: bucketCapacity)
    }

    public var smoothingWeight: Double { Self.smoothingWeights[smoothingIndex] }
    /// Whether the focused chart is on a log-y axis.
    public var isLogY: Bool { logYCharts.contains(focusedChart) }
    public func isLogY(_ chart: ChartSlot) -> Bool { logYCharts.contains(chart) }
    /// The chart keys act on: the focused slot's content, or the layer-norm chart.
    public var focusedChart: ChartSlot { focusedSlot < chartSlots.count ? chartSlots[focusedSlot] : .layerNorms }
    /// Every series name seen, in first-seen order (alphabetical within one record) (what `g` cycles through after the built-in panels).
    public var seriesNamesInArrivalOrder: [String] { arrivalOrder }
    public var isPaused: Bool { frozen != nil }

    // MARK: Ingest

    public mutating func ingest(_ record: Record) {
        lastRecordTime = clock.now
        switch record {
        case .header(let newHeader):
            if let header, header.runID != newHeader.runID { resetData() }
            header = newHeader
        case .evaluation(let evaluation):
            ingest(evaluation)
        case .event(let event):
            log(event, source: .stream)
        case .end(let runEnd):
            end = runEnd
        }
    }

    public mutating func ingest<S: Sequence>(contentsOf records: S) where S.Element == Record {
        for record in records { ingest(record) }
    }

    mutating func ingest(_ evaluation: Evaluation) {
        let step = evaluation.step
        if let lastStep, step <= lastStep {
            outOfOrderEvaluations += 1
            return
        }
        evaluationCount += 1
        if firstStep == nil { firstStep = step }
        lastStep = step
        wallTimes.append(step: step, value: evaluation.wallTime)
        let known = names.count
        for (name, value) in evaluation.metrics {
            let i = seriesIndex[name] ?? addSeries(name)
            series[i].append(step: step, value: value)
        }
        // Series new in this record join the arrival order alphabetically (a record's keys are unordered).
        if names.count > known { arrivalOrder += names[known...].sorted() }
        detector.ingest(evaluation)
        pairedSamples.add(evaluation)
        if pairedSamples.isOverCapacity {
            pairedSamples.compact(window: CompressionScatter.window(of: detector.report))
        }
        for event in detector.takeNewEvents() { log(event, source: .detector) }
    }

    private mutating func addSeries(_ name: String) -> Int {
        seriesIndex[name] = series.count
        series.append(SeriesHistory(recentCapacity: recentCapacity, bucketCapacity: bucketCapacity))
        names.append(name)
        seriesNames = SeriesOrdering.sorted(names)
        return series.count - 1
    }

    /// Records lost by a latest-wins channel (reported by the publisher).
    public mutating func noteDropped(_ count: Int) { droppedRecords += max(0, count) }
    /// Unreadable lines skipped by a stream reader.
    public mutating func noteMalformed(_ count: Int) { malformedLines += max(0, count) }

    mutating func log(_ event: RunEvent, source: LoggedEvent.Source) {
        events.append(LoggedEvent(sequence: eventTotal, source: source, event: event))
        eventTotal += 1
        if events.count > Self.eventCapacity { events.removeFirst(events.count - Self.eventCapacity) }
    }

    /// The source started over (its file was truncated, rotated or rewritten): whatever comes next is
    /// a new run, whatever its run id, and replaces the old one on screen.
    public mutating func startOver() { resetData() }

    /// A new run (different run id) starts from empty data; view preferences stay.
    mutating func resetData() {
        let fresh = MonitorState(
            rules: rules, clock: clock, staleAfter: staleAfter, recentCapacity: recentCapacity,
            bucketCapacity: bucketCapacity)
        header = nil
        end = nil
        seriesIndex = MetricKeyTable()
        series = []
        names = []
        arrivalOrder = []
        seriesNames = []
        wallTimes = fresh.wallTimes
        detector = fresh.detector
        pairedSamples = fresh.pairedSamples
        events = []
        eventTotal = 0
        evaluationCount = 0
        firstStep = nil
        lastStep = nil
        fixedUpper = nil
        cursorStep = nil
        frozen = nil
        isFollowing = true
        span = nil
    }

    /// Replaces all data with `records` (a replay scrubbing back or jumping) while the view stays as
    /// the user set it: zoom span, fixed window, log scales, smoothing, focus, layer norms, help and
    /// the cursor (clamped to the new data by `setCursor`).
    public mutating func replaceData<S: Sequence>(with records: S) where S.Element == Record {
        let view = (span, fixedUpper, isFollowing, cursorStep)
        resetData()
        ingest(contentsOf: records)
        (span, fixedUpper, isFollowing) = (view.0, view.1, view.2)
        if let cursor = view.3 { apply(.setCursor(step: cursor)) }
    }

    /// Seconds since the run started, at the latest evaluation (as the producer measured it).
    public var latestWallTime: Double? { wallTimes.summary(name: "").latest }

    public func history(_ name: String) -> SeriesHistory? { seriesIndex[name].map { series[$0] } }

    /// Approximate heap bytes of all histories (the bulk of the state).
    public var approximateByteCount: Int {
        series.reduce(wallTimes.approximateByteCount) { $0 + $1.approximateByteCount }
            + events.capacity * MemoryLayout<LoggedEvent>.stride
    }
}

/// An event as the monitor lists it: from the stream, or decided by the monitor's own detector.
public struct LoggedEvent: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case stream, detector
    }
    /// Arrival order over the whole run.
    public var sequence: Int
    public var source: Source
    public var event: RunEvent

    public init(sequence: Int, source: Source, event: RunEvent) {
        self.sequence = sequence
        self.source = source
        self.event = event
    }
}

/// What the view shows while paused.
struct FrozenView {
    var lastStep: Int?
    var report: PhaseReport
    var summaries: [SeriesSummary]
    var seriesNames: [String]
    var evaluationCount: Int
    var eventTotal: Int
    var end: RunEnd?
}

/// Display order of series: the well-known metrics first, then the rest alphabetically.
enum SeriesOrdering {
    static let known = [
        MetricName.trainLoss, MetricName.testLoss, MetricName.trainAccuracy, MetricName.testAccuracy,
        MetricName.l2, MetricName.lmn, MetricName.learningRate,
    ]

    static func sorted(_ names: [String]) -> [String] {
        let first = known.filter { names.contains($0) }
        return first + names.filter { !known.contains($0) }.sorted()
    }
}
