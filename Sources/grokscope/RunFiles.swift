import Foundation
import Publishing
import Reports
import Runner
import Snapshots

/// The files of `run` checked before training starts (Runner's `OutputPaths`), as usage errors.
enum RunFiles {
    static func refuseCollisions(_ named: [(option: String, path: String?)]) throws {
        do { try OutputPaths.refuseCollisions(named) } catch { throw UsageError(error.description) }
    }

    static func checkCheckpointPath(_ path: String, option: String) throws -> String {
        do { return try OutputPaths.checkCheckpointPath(path, option: option) } catch {
            throw UsageError(error.description)
        }
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
                dumpDirectory: training.dumpLmnMatrix, exact: training.lmnExact)
        } catch is CocoaError {
            throw UsageError(
                "--dump-lmn-matrix: cannot create the directory '\(UntrustedText(training.dumpLmnMatrix ?? ""))' (a parent is a file, missing or not writable); choose a directory you may write to"
            )
        }
    }
}
