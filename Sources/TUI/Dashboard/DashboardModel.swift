import Snapshots

/// Everything the dashboard shows, as plain values. The Monitor→TUI adapter fills it; the renderer
/// never looks anywhere else (no clock, no environment), so a model renders the same every time.
public struct DashboardModel: Equatable, Sendable {
    public var header: HeaderModel
    /// Main charts in reading order: usually loss, accuracy, LMN, L2 (laid out 2×2).
    public var charts: [ChartModel]
    /// Extra chart shown when `showLayerNorms` is on and the screen is tall enough.
    public var layerNorms: ChartModel?
    public var showLayerNorms: Bool
    /// The compression-window scatter is switched on (its key); `scatter` nil = no window yet.
    public var showScatter: Bool
    public var scatter: ScatterPanelModel?
    /// Phases over steps, drawn as a band under every chart.
    public var phases: [PhaseInterval]
    /// Labelled vertical markers (t_mem, t_gen, LMN peak) drawn on every chart and band.
    public var markers: [StepMarker]
    /// The visible step window (zoom/pan happen in the monitor); nil = all data.
    public var visibleSteps: ClosedRange<Int>?
    /// Log step axis on every chart and band.
    public var logX: Bool
    public var compression: CompressionPanelModel?
    /// Set in cursor mode: a vertical line at `cursor.step` and the values there.
    public var cursor: CursorReadout?
    /// One-row sparklines under the charts; empty = derived from each chart's first series.
    public var sparklines: [SparklineModel]
    /// Footer hints; empty = `KeyMap.standard.footerHints`.
    public var keyHints: [KeyHint]
    public var isPaused: Bool
    public var isHelpVisible: Bool
    /// A one-line message for the footer (theme error, "saved screen to …").
    public var statusMessage: String?
    /// The last lines a child trainer wrote to stderr (`watch -- cmd`), shown in a pane; nil = hidden.
    public var logPane: LogPaneModel?
    /// Series the stream carries beyond the built-in panels' (sanitized, first-seen order): the help
    /// overlay lists them, as what `g` cycles the focused chart to.
    public var extraSeries: [String]

    public init(
        header: HeaderModel, charts: [ChartModel] = [], layerNorms: ChartModel? = nil,
        showLayerNorms: Bool = false, phases: [PhaseInterval] = [], markers: [StepMarker] = [],
        visibleSteps: ClosedRange<Int>? = nil, logX: Bool = false, compression: CompressionPanelModel? = nil,
        cursor: CursorReadout? = nil, sparklines: [SparklineModel] = [], keyHints: [KeyHint] = [],
        isPaused: Bool = false, isHelpVisible: Bool = false, statusMessage: String? = nil,
        showScatter: Bool = false, scatter: ScatterPanelModel? = nil, extraSeries: [String] = []
    ) {
        self.extraSeries = extraSeries
        self.showScatter = showScatter
        self.scatter = scatter
        self.header = header
        self.charts = charts
        self.layerNorms = layerNorms
        self.showLayerNorms = showLayerNorms
        self.phases = phases
        self.markers = markers
        self.visibleSteps = visibleSteps
        self.logX = logX
        self.compression = compression
        self.cursor = cursor
        self.sparklines = sparklines
        self.keyHints = keyHints
        self.isPaused = isPaused
        self.isHelpVisible = isHelpVisible
        self.statusMessage = statusMessage
    }
}

/// The header bar's fields. Optional fields are left out when unknown or when space runs out.
public struct HeaderModel: Equatable, Sendable {
    public var runName: UntrustedText
    public var task: String
    public var step: Int
    public var totalSteps: Int?
    public var stepsPerSecond: Double?
    public var elapsedSeconds: Double
    public var etaSeconds: Double?
    /// Number of probe inputs the LMN is computed on.
    public var probeSize: Int?
    /// "live", "replay 4×", "stale 12 s", …
    public var liveness: String
    public var isStale: Bool
    public var phaseName: String
    public var phase: PhaseRole

    public init(
        runName: UntrustedText, task: String, step: Int, totalSteps: Int? = nil,
        stepsPerSecond: Double? = nil, elapsedSeconds: Double = 0, etaSeconds: Double? = nil,
        probeSize: Int? = nil, liveness: String = "live", isStale: Bool = false,
        phaseName: String = "warming up", phase: PhaseRole = .warmup
    ) {
        self.runName = runName
        self.task = task
        self.step = step
        self.totalSteps = totalSteps
        self.stepsPerSecond = stepsPerSecond
        self.elapsedSeconds = elapsedSeconds
        self.etaSeconds = etaSeconds
        self.probeSize = probeSize
        self.liveness = liveness
        self.isStale = isStale
        self.phaseName = phaseName
        self.phase = phase
    }
}

/// The three phases (plus "not yet known"), each with a theme role and a letter for mono bands.
public enum PhaseRole: String, CaseIterable, Equatable, Sendable {
    case warmup, memorization, compression, generalization

    public var themeRole: ThemeRole {
        switch self {
        case .warmup: return .warmup
        case .memorization: return .memorization
        case .compression: return .compression
        case .generalization: return .generalization
        }
    }

    /// The phase legend's name. A `warmup` band is the stretch after t_mem where compression is not
    /// (yet) shown (docs/phases.md): "memorized".
    public var label: String { self == .warmup ? "memorized" : rawValue }

    /// The letter a monochrome band repeats ("MMMMCCCCGGG").
    public var letter: Unicode.Scalar {
        switch self {
        case .warmup: return "·"
        case .memorization: return "M"
        case .compression: return "C"
        case .generalization: return "G"
        }
    }
}

/// A phase over the half-open step interval `[start, end)`; `end == nil` means "still going".
public struct PhaseInterval: Equatable, Sendable {
    public var start: Int
    public var end: Int?
    public var phase: PhaseRole
    public init(start: Int, end: Int?, phase: PhaseRole) {
        self.start = start
        self.end = end
        self.phase = phase
    }

    func contains(_ step: Int) -> Bool { step >= start && (end.map { step < $0 } ?? true) }
}

/// A labelled vertical line at a step ("t_mem", "t_gen", "LMN peak").
public struct StepMarker: Equatable, Sendable {
    public var step: Int
    public var label: String
    public var role: ThemeRole
    public init(step: Int, label: String, role: ThemeRole = .marker) {
        self.step = step
        self.label = label
        self.role = role
    }
}

/// The stderr pane of `watch -- cmd`: a title (command, log file) and its last lines, raw (the renderer
/// sanitizes them).
public struct LogPaneModel: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}
