import Phases
import Sweeps

/// Where a stream stands, for the runs table (docs/runs-table.md).
public enum RunStatus: String, Sendable, Equatable, CaseIterable {
    /// Records arrived within the stale interval and no end record yet.
    case live
    /// No end record and nothing new for longer than the stale interval (writer gone or stuck).
    case stale
    /// Ended `completed`.
    case done
    /// Ended `diverged` or `failed`, or the file cannot be read.
    case failed
    /// Ended `interrupted` (Ctrl-C, a sweep stopped): not a failure, and resumable from its checkpoint.
    case stopped
    /// The file was removed after it was seen; the row stays, marked.
    case deleted
}

/// One row of the runs table: a plain value, everything the view draws for one stream.
public struct RunRow: Sendable, Equatable {
    /// The stream's path (unique key).
    public var id: String
    /// File name without `.ndjson` (already sanitized for display by the view).
    public var name: String
    public var status: RunStatus
    /// The phase detector's verdict (the badge).
    public var verdict: PhaseVerdict
    /// Set once the run ended (or was deleted after ending).
    public var outcome: RunOutcome?
    public var step: Int?
    public var totalSteps: Int?
    public var tMem: Int?
    public var tGen: Int?
    public var delay: Int?
    /// Relative LMN drop over the compression window (0.4 = fell by 40 %).
    public var lmnDrop: Double?
    /// Pearson r(test loss, LMN) over the compression window.
    public var lossLMNCorrelation: Double?
    /// Latest test accuracy.
    public var testAccuracy: Double?
    /// Sparkline data, oldest first, bounded (min/max-preserving buckets, two values each).
    public var testAccuracyTrace: [Double]
    public var lmnTrace: [Double]
    public var isMarked: Bool
    /// Why the run failed to read (when `status == .failed` for that reason).
    public var problem: String?

    public init(id: String, name: String, status: RunStatus = .live, verdict: PhaseVerdict = .notYet) {
        self.id = id
        self.name = name
        self.status = status
        self.verdict = verdict
        self.testAccuracyTrace = []
        self.lmnTrace = []
        self.isMarked = false
    }
}
