import Foundation
import Publishing
import Reports
import Runner
import Snapshots

/// The files of `run` checked before training starts (docs/limits.md, "Output paths"): no two options
/// name the same file, and the checkpoint path can be written.
enum RunFiles {
    /// Throws a usage error when two of the named paths are the same file.
    static func refuseCollisions(_ named: [(option: String, path: String?)]) throws {
        let present = named.compactMap { item in item.path.map { (item.option, $0) } }
        for (i, a) in present.enumerated() {
            for b in present[(i + 1)...] where OutputFile.sameFile(a.1, b.1) {
                throw UsageError(
                    "\(a.0) and \(b.0) name the same file '\(UntrustedText(a.1))'; give each its own path")
            }
        }
    }

    /// A checkpoint is replaced atomically (temp file + rename), so it must be a regular file (or not
    /// exist yet) in a writable directory. Returns the path to write: a symlink's target.
    static func checkCheckpointPath(_ path: String, option: String) throws -> String {
        var info = stat()
        var resolved = path
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw UsageError(
                    "\(option) '\(UntrustedText(path))' is not a regular file (a checkpoint replaces its file); choose a file name"
                )
            }
            if let real = realpath(path, nil) {
                resolved = String(cString: real)
                free(real)
            }
        }
        let slash = resolved.lastIndex(of: "/")
        let directory = slash.map { $0 == resolved.startIndex ? "/" : String(resolved[..<$0]) } ?? "."
        guard access(directory, W_OK | X_OK) == 0 else {
            throw UsageError(
                "\(option): cannot write into '\(UntrustedText(directory))': \(String(cString: strerror(errno))). Choose a path you may write to."
            )
        }
        return resolved
    }
}

extension RunFiles {
    /// The LMN probe of `session`; a `--dump-lmn-matrix` that is a file or cannot be created is a usage
    /// error naming the option (it printed a raw NSError).
    static func lmnProbe(session: TrainingSession, training: TrainingOptions) throws -> LMNProbe {
        if let dump = training.dumpLmnMatrix {
            var info = stat()
            if stat(dump, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                throw UsageError(
                    "--dump-lmn-matrix '\(UntrustedText(dump))' is not a directory; name a directory (created if missing)"
                )
            }
        }
        do {
            return try LMNProbe(
                dataset: session.trainer.dataset, count: training.probeCount, seed: session.trainer.configuration.seed,
                startLayer: session.trainer.configuration.lmnFrom, threads: training.lmnThreads,
                dumpDirectory: training.dumpLmnMatrix)
        } catch is CocoaError {
            throw UsageError(
                "--dump-lmn-matrix: cannot create the directory '\(UntrustedText(training.dumpLmnMatrix ?? ""))' (a parent is a file, missing or not writable); choose a directory you may write to"
            )
        }
    }
}

/// A resumed run continues the log it was writing as one run: records after the checkpoint's step
/// (the killed run went on past its last checkpoint) and end records are cut, one header stays, and
/// the new session's header becomes a `resumed` event.
enum ResumedLog {
    /// The log's records up to `step`; rewrites the file to exactly those when anything is cut.
    static func prepare(path: String, checkpointStep step: Int) throws -> [Record] {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return [] }
        let all = try StreamFile.readAll(path: path).records
        var kept: [Record] = []
        for record in all {
            switch record {
            case .header: if kept.isEmpty { kept.append(record) }
            case .evaluation(let e): if e.step <= step { kept.append(record) }
            case .event(let e): if e.step <= step { kept.append(record) }
            case .end: break
            }
        }
        if kept.count != all.count {
            var bytes: [UInt8] = []
            for record in kept { RecordEncoder.append(record, to: &bytes) }
            try OutputFile.write(bytes, to: path)
        }
        return kept
    }

    /// The header of the log being continued, if it has one.
    static func header(of records: [Record]) -> RunHeader? {
        if case .header(let header) = records.first { return header }
        return nil
    }
}

/// Passes records to the log, except the resumed session's header: the log already has one, so it
/// gets a `resumed` event instead.
final class ResumingSink: RecordSink {
    private let target: RecordSink
    private let step: Int
    private let message: String

    init(_ target: RecordSink, step: Int, message: String) {
        self.target = target
        self.step = step
        self.message = message
    }

    func write(_ record: Record) {
        if case .header = record {
            target.write(.event(RunEvent(step: step, kind: "resumed", message: message)))
        } else {
            target.write(record)
        }
    }

    func flush() { target.flush() }
}
