import Phases
import Snapshots

/// Writes the phase detector's decisions into the log as `event` records (kind "phase") right after
/// the evaluation that confirmed them, so a log read with `jq` tells its own story. The dashboard's
/// channel does not get them: its monitor runs the same detector itself.
public final class PhaseAnnotatingSink: RecordSink {
    private let target: RecordSink
    private var detector: PhaseDetector

    /// `earlier`: records already in the log (a resumed run appends), so boundaries found before the
    /// interruption are neither forgotten nor announced again.
    public init(_ target: RecordSink, rules: PhaseRules, earlier: [Record] = []) {
        self.target = target
        self.detector = PhaseDetector(rules: rules)
        detector.ingest(contentsOf: earlier)
        _ = detector.takeNewEvents()
    }

    public func write(_ record: Record) {
        target.write(record)
        guard case .evaluation = record else { return }
        detector.ingest(record)
        for event in detector.takeNewEvents() { target.write(.event(event)) }
    }

    public func flush() { target.flush() }
}
