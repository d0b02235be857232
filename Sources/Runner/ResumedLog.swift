import Foundation
import Publishing
import Snapshots

/// A resumed run continues the log it was writing as one run: records after the checkpoint's step
/// (the killed run went on past its last checkpoint), end records and a torn last line are cut, one
/// header stays, and the new session's header becomes a `resumed` event (`ResumingSink`).
public enum ResumedLog {
    /// The log's records up to `step`; when anything is cut (or the file ends in a torn line) the file
    /// is rewritten to exactly those through `rewrite` (the caller's atomic writer). A missing or
    /// non-regular file gives no records and is left alone.
    public static func prepare(
        path: String, checkpointStep step: Int, rewrite: (_ bytes: [UInt8]) throws -> Void
    ) throws -> [Record] {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return [] }
        let (all, diagnostics) = try StreamFile.readAll(path: path)
        let kept = trimmed(all, throughStep: step)
        if kept.count != all.count || diagnostics.incompleteTailBytes > 0 {
            var bytes: [UInt8] = []
            for record in kept { RecordEncoder.append(record, to: &bytes) }
            try rewrite(bytes)
        }
        return kept
    }

    /// `records` as one run up to `step`: the first header, evaluations and events at or before `step`,
    /// no end record.
    public static func trimmed(_ records: [Record], throughStep step: Int) -> [Record] {
        var kept: [Record] = []
        for record in records {
            switch record {
            case .header: if kept.isEmpty { kept.append(record) }
            case .evaluation(let e): if e.step <= step { kept.append(record) }
            case .event(let e): if e.step <= step { kept.append(record) }
            case .end: break
            }
        }
        return kept
    }

    /// The header of the log being continued, if it has one.
    public static func header(of records: [Record]) -> RunHeader? {
        if case .header(let header) = records.first { return header }
        return nil
    }
}

/// Passes records to the log, except the resumed session's header: the log already has one, so it
/// gets a `resumed` event instead.
public final class ResumingSink: RecordSink {
    private let target: RecordSink
    private let step: Int
    private let message: String

    public init(_ target: RecordSink, step: Int, message: String) {
        self.target = target
        self.step = step
        self.message = message
    }

    public func write(_ record: Record) {
        if case .header = record {
            target.write(.event(RunEvent(step: step, kind: "resumed", message: message)))
        } else {
            target.write(record)
        }
    }

    public func flush() { target.flush() }
}
