import Monitor
import Phases
import Snapshots
import Sweeps

/// Everything kept about one stream: its own phase detector and four bounded histories (test accuracy,
/// LMN, test loss, L2; min/max-preserving), so memory per run is fixed however long the run is.
public struct RunTracker: Sendable {
    public let id: String
    public let name: String
    public private(set) var detector: PhaseDetector
    public private(set) var header: RunHeader?
    public private(set) var end: RunEnd?
    /// The latest evaluation (final figures for `report DIR --csv`).
    public private(set) var lastEvaluation: Evaluation?
    /// When a record last arrived (or the file was first seen), in the caller's clock's seconds.
    public private(set) var lastActivity: Double
    public var isDeleted = false
    /// A read error (unreadable file); marks the run failed.
    public var problem: String?
    private var testAccuracy: SeriesHistory
    private var lmn: SeriesHistory
    private var testLoss: SeriesHistory
    private var l2: SeriesHistory

    /// Points kept at full resolution and buckets per history: ≈ 2 × 96 × 64 bytes per series.
    public static let recentCapacity = 32
    public static let bucketCapacity = 64

    public init(id: String, name: String, rules: PhaseRules = .paper, seenAt now: Double) {
        self.id = id
        self.name = name
        self.detector = PhaseDetector(rules: rules)
        self.lastActivity = now
        self.testAccuracy = SeriesHistory(recentCapacity: Self.recentCapacity, bucketCapacity: Self.bucketCapacity)
        self.lmn = SeriesHistory(recentCapacity: Self.recentCapacity, bucketCapacity: Self.bucketCapacity)
        self.testLoss = SeriesHistory(recentCapacity: Self.recentCapacity, bucketCapacity: Self.bucketCapacity)
        self.l2 = SeriesHistory(recentCapacity: Self.recentCapacity, bucketCapacity: Self.bucketCapacity)
    }

    /// The bounded history of one of the kept metrics (test_acc, lmn, test_loss, l2), for overlays.
    public func history(_ metric: String) -> SeriesHistory? {
        switch metric {
        case MetricName.testAccuracy: return testAccuracy
        case MetricName.lmn: return lmn
        case MetricName.testLoss: return testLoss
        case MetricName.l2: return l2
        default: return nil
        }
    }

    public mutating func ingest(_ records: [Record], at now: Double) {
        guard !records.isEmpty else { return }
        lastActivity = now
        for record in records {
            detector.ingest(record)
            switch record {
            case .header(let h):
                header = h
                end = nil  // a rewritten file starts over
            case .evaluation(let e):
                lastEvaluation = e
                if let v = e[MetricName.testAccuracy], testAccuracy.latest.map({ e.step > $0.step }) ?? true {
                    testAccuracy.append(step: e.step, value: v)
                }
                if let v = e[MetricName.lmn], lmn.latest.map({ e.step > $0.step }) ?? true {
                    lmn.append(step: e.step, value: v)
                }
                if let v = e[MetricName.testLoss], testLoss.latest.map({ e.step > $0.step }) ?? true {
                    testLoss.append(step: e.step, value: v)
                }
                if let v = e[MetricName.l2], l2.latest.map({ e.step > $0.step }) ?? true {
                    l2.append(step: e.step, value: v)
                }
            case .end(let e):
                end = e
            case .event:
                break
            }
        }
    }

    /// The status at `now`: deleted, then the end record, then a read problem, then live/stale.
    public func status(now: Double, staleAfter: Double) -> RunStatus {
        if isDeleted { return .deleted }
        switch end?.status {
        case .completed?: return .done
        case .interrupted?: return .stopped
        case .diverged?, .failed?: return .failed
        case nil: break
        }
        if problem != nil { return .failed }
        return now - lastActivity > staleAfter ? .stale : .live
    }

    public func row(now: Double, staleAfter: Double, marked: Bool = false) -> RunRow {
        let report = detector.report
        var row = RunRow(id: id, name: name, status: status(now: now, staleAfter: staleAfter), verdict: report.verdict)
        if end != nil { row.outcome = RunOutcome.classify(report: report, end: end) }
        row.step = end?.step ?? report.lastStep
        row.totalSteps = header?.totalSteps
        row.tMem = report.memorization.flatMap { $0.isConfirmed ? $0.step : nil }
        row.tGen = report.generalization.flatMap { $0.isConfirmed ? $0.step : nil }
        row.delay = report.delay
        row.lmnDrop = report.compression.lmnDrop?.relativeDrop
        row.lossLMNCorrelation = report.compression.testLossVsLMN.r
        row.testAccuracy = testAccuracy.latestFinite?.value
        row.testAccuracyTrace = Self.trace(testAccuracy)
        row.lmnTrace = Self.trace(lmn)
        row.isMarked = marked
        row.problem = problem
        return row
    }

    /// Min and max of each stored item in step order (a single point gives one value), so spikes survive.
    static func trace(_ history: SeriesHistory) -> [Double] {
        var out: [Double] = []
        history.forEachItem { bucket in
            guard let lo = bucket.min, let hi = bucket.max else {
                out.append(.nan)
                return
            }
            if lo == hi { out.append(lo) } else { out += [lo, hi] }
        }
        return out
    }
}
