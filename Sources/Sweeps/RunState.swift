import Foundation
import Phases
import Publishing
import Snapshots

/// Where one run of a sweep stands, read from its files: what a re-run must do with it.
public enum RunState: Sendable, Equatable {
    /// No log yet: start it.
    case notStarted
    /// Its log ended `completed`, `diverged` or `failed`: nothing to do.
    case finished(RunOutcome)
    /// Its log stopped early (interrupted, killed); resume from the checkpoint when there is one.
    case unfinished(checkpoint: String?)

    public static func read(_ run: SweepRun, in directory: String, rules: PhaseRules = .paper) -> RunState {
        let log = run.logPath(in: directory)
        guard FileManager.default.fileExists(atPath: log) else { return .notStarted }
        let checkpoint = run.checkpointPath(in: directory)
        let resumable = FileManager.default.fileExists(atPath: checkpoint) ? checkpoint : nil
        guard let (records, _) = try? StreamFile.readAll(path: log) else { return .unfinished(checkpoint: resumable) }
        var detector = PhaseDetector(rules: rules)
        var end: RunEnd?
        for record in records {
            detector.ingest(record)
            if case .end(let e) = record { end = e }
        }
        switch end?.status {
        case .completed?, .diverged?, .failed?: return .finished(RunOutcome.classify(report: detector.report, end: end))
        case .interrupted?, nil: return .unfinished(checkpoint: resumable)
        }
    }
}
