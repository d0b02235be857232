import Foundation
import Publishing
import Runner
import Snapshots

/// `--plain`: one sanitized line per record, for logs and CI.
enum PlainPrinter {
    /// Prints records as they arrive until the stream ends (an end record, or the end of a pipe; with
    /// `stopAtEnd`, the end of the file as it is now).
    static func follow(_ source: RecordSource, stopAtEnd: Bool) throws {
        var header: RunHeader?
        var reportedProblem = false
        while true {
            let records = source.poll()
            for record in records {
                print(UntrustedText.sanitize(line(record, header: &header)))
            }
            fflush(stdout)
            let d = source.diagnostics
            if !reportedProblem, let first = d.firstError {
                warn("skipped \(d.skippedLines) bad line(s); first: \(first)")
                reportedProblem = true
            }
            if let incompatible = d.incompatibility { throw RunFailure("\(incompatible)") }
            switch source.status {
            case .ended, .endOfInput:
                reportSkipped(source.diagnostics)
                return
            case .failed(let message): throw RunFailure(message)
            case .waitingForFile, .live: break
            }
            if stopAtEnd, records.isEmpty, source.isCaughtUp, case .live = source.status {
                reportSkipped(source.diagnostics)
                if let tail = source as? FileTailSource, tail.pendingByteCount > 0 {
                    let what = "the last \(tail.pendingByteCount) byte(s) of the file form no complete line (no newline"
                    let read = source.diagnostics.linesRead == 0 ? "; no line was read" : ""
                    throw RunFailure(
                        "\(what)\(read)); NDJSON lines end in \\n — a file with CR-only line ends has none")
                }
                return
            }
            if stopAtEnd, case .waitingForFile(let path) = source.status {
                throw RunFailure("'\(UntrustedText(path))' does not exist (--no-follow does not wait for it)")
            }
            if records.isEmpty, source.isCaughtUp { source.wait(timeout: 0.5) }
        }
    }

    static func line(_ record: Record, header: inout RunHeader?) -> String {
        switch record {
        case .header(let h):
            header = h
            let n = h.probeSize.map { ", LMN probes N=\($0)" } ?? ""
            return "run \(h.name) — \(h.task)\(n), \(h.totalSteps.map { "\($0) steps" } ?? "steps unknown")"
        case .evaluation(let e):
            let progress = SessionProgress(
                evaluation: e, totalSteps: header?.totalSteps ?? e.step, stepsPerSecond: 0,
                probeSize: header?.probeSize)
            return UntrustedText(ProgressLine.format(progress)).sanitized
        case .event(let event):
            return "event at step \(event.step): [\(UntrustedText(event.kind))] \(event.message)"
        case .end(let end):
            return
                "end at step \(end.step): \(end.status.rawValue)\(end.message.raw.isEmpty ? "" : " — \(end.message)")"
        }
    }

    /// At the end, what was skipped in all (the first problem was reported when it happened).
    static func reportSkipped(_ d: StreamDiagnostics) {
        guard d.skippedLines > 1 || d.oversizedLines > 0 else { return }
        var parts = ["\(d.skippedLines) line(s) skipped in all"]
        if d.oversizedLines > 0 { parts.append("\(d.oversizedLines) longer than the limit") }
        warn(parts.joined(separator: ", "))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("grokscope: \(UntrustedText.sanitizeLines(message))\n".utf8))
    }
}
