import Snapshots

/// The metrics of one evaluation that the paper figure pairs: test loss against LMN and against L2.
public struct PairedSample: Sendable, Equatable {
    public var step: Int
    public var testLoss: Double?
    public var lmn: Double?
    public var l2: Double?

    public init(step: Int, testLoss: Double?, lmn: Double?, l2: Double?) {
        self.step = step
        self.testLoss = testLoss
        self.lmn = lmn
        self.l2 = l2
    }

    /// The sample of an evaluation, `nil` when it has no test loss or neither LMN nor L2.
    public init?(_ evaluation: Evaluation) {
        let m = evaluation.metrics
        guard let loss = m[MetricName.testLoss], m[MetricName.lmn] != nil || m[MetricName.l2] != nil else {
            return nil
        }
        self.init(step: evaluation.step, testLoss: loss, lmn: m[MetricName.lmn], l2: m[MetricName.l2])
    }
}

/// One dot of a scatter: x (LMN or L2) and test loss at a step.
public struct ScatterPoint: Sendable, Equatable {
    public var step: Int
    public var x: Double
    public var y: Double

    public init(step: Int, x: Double, y: Double) {
        self.step = step
        self.x = x
        self.y = y
    }
}

/// Test loss against one complexity measure over the compression window, with its linearity.
public struct ScatterSeries: Sendable, Equatable {
    /// Finite dots in step order.
    public var points: [ScatterPoint]
    public var linearity: Linearity

    public init(points: [ScatterPoint]) {
        self.points = points
        linearity = Linearity.analyze(x: points.map(\.x), y: points.map(\.y))
    }
}

/// The paper's second claim as data: over the compression window `[t_mem, t_gen)` — `[t_mem, now]`
/// while t_gen is not confirmed — test loss against LMN and against the L2 norm, each with its
/// least-squares line and linearity score (docs/linearity.md).
public struct CompressionScatter: Sendable, Equatable {
    /// Confirmed t_mem.
    public var startStep: Int
    /// Confirmed t_gen (exclusive), `nil` while the window is open.
    public var endStep: Int?
    public var lmn: ScatterSeries
    public var l2: ScatterSeries

    public init(startStep: Int, endStep: Int?, lmn: ScatterSeries, l2: ScatterSeries) {
        self.startStep = startStep
        self.endStep = endStep
        self.lmn = lmn
        self.l2 = l2
    }

    /// The window of a report: confirmed t_mem to confirmed t_gen; `nil` before t_mem is confirmed
    /// (or when t_gen is not after it: nothing was compressed).
    public static func window(of report: PhaseReport) -> (start: Int, end: Int?)? {
        guard let m = report.memorization, m.isConfirmed else { return nil }
        let end = report.generalization.flatMap { $0.isConfirmed ? $0.step : nil }
        if let end, end <= m.step { return nil }
        return (m.step, end)
    }

    /// The scatter of the samples inside the report's window (and at or before `lastStep`, for a
    /// paused view); `nil` when there is no window yet. Each series uses the samples that carry both
    /// its x and a finite test loss.
    public static func build<S: Sequence>(samples: S, report: PhaseReport, through lastStep: Int? = nil)
        -> CompressionScatter?
    where S.Element == PairedSample {
        guard let window = window(of: report) else { return nil }
        var lmn: [ScatterPoint] = []
        var l2: [ScatterPoint] = []
        for s in samples where s.step >= window.start {
            if let end = window.end, s.step >= end { break }
            if let lastStep, s.step > lastStep { break }
            guard let loss = s.testLoss, loss.isFinite else { continue }
            if let x = s.lmn, x.isFinite { lmn.append(ScatterPoint(step: s.step, x: x, y: loss)) }
            if let x = s.l2, x.isFinite { l2.append(ScatterPoint(step: s.step, x: x, y: loss)) }
        }
        return CompressionScatter(
            startStep: window.start, endStep: window.end, lmn: ScatterSeries(points: lmn),
            l2: ScatterSeries(points: l2))
    }
}
