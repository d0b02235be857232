import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a sweep's runs as `grokscope train --headless` children, at most `jobs` at once; skips finished
/// runs and resumes interrupted ones from their checkpoints; on a stop request, launches nothing more,
/// asks every running child once to stop (each writes its end record and checkpoint) and waits for them.
public final class SweepLauncher {
    public enum Progress: Sendable, Equatable {
        case skipped(SweepRun, RunOutcome)
        case started(SweepRun, resumed: Bool)
        case finished(SweepRun, exitStatus: Int32, state: RunState)
    }

    public struct Summary: Sendable, Equatable {
        public var skipped = 0
        public var completed = 0
        /// Children that ended on their own without finishing their run (a crash, a bad option).
        public var failed = 0
        public var interrupted = 0
        public var notStarted = 0
    }

    public let runs: [SweepRun]
    public let directory: String
    public let executable: String
    public let jobs: Int
    public let extra: [String]
    public let checkpointEvery: Int
    /// Polled between children's checks; when it returns a signal number, the sweep stops.
    private let stopRequest: () -> Int32?
    private let progress: (Progress) -> Void

    public init(
        runs: [SweepRun], directory: String, executable: String, jobs: Int, extra: [String], checkpointEvery: Int,
        stopRequest: @escaping () -> Int32?, progress: @escaping (Progress) -> Void
    ) {
        self.runs = runs
        self.directory = directory
        self.executable = executable
        self.jobs = max(1, jobs)
        self.extra = extra
        self.checkpointEvery = checkpointEvery
        self.stopRequest = stopRequest
        self.progress = progress
    }

    public func run() throws(SweepError) -> Summary {
        var summary = Summary()
        var queue: [(SweepRun, resume: String?)] = []
        for run in runs {
            switch RunState.read(run, in: directory) {
            case .finished(let outcome):
                summary.skipped += 1
                progress(.skipped(run, outcome))
            case .notStarted: queue.append((run, nil))
            case .unfinished(let checkpoint): queue.append((run, checkpoint))
            }
        }
        queue.reverse()  // pop from the end, in grid order
        var running: [(run: SweepRun, child: ChildProcess)] = []
        var forwarded = false
        while !queue.isEmpty || !running.isEmpty {
            let stop = stopRequest()
            if let stop, !forwarded {
                forwarded = true
                for entry in running { entry.child.signal(stop) }
            }
            while stop == nil, running.count < jobs, let (run, resume) = queue.popLast() {
                let output = directory + "/" + run.name + ".out"
                let arguments = run.trainArguments(
                    directory: directory, resume: resume, checkpointEvery: checkpointEvery, extra: extra)
                running.append((run, try ChildProcess(executable: executable, arguments: arguments, output: output)))
                progress(.started(run, resumed: resume != nil))
            }
            if stop != nil, !queue.isEmpty {
                summary.notStarted += queue.count
                queue.removeAll()
            }
            var index = 0
            while index < running.count {
                if let status = running[index].child.poll() {
                    let run = running.remove(at: index).run
                    let state = RunState.read(run, in: directory)
                    switch state {
                    case .finished: summary.completed += 1
                    case .unfinished, .notStarted:
                        // Stopped by us, or ended without an end record on its own (a crash, a bad option).
                        if forwarded { summary.interrupted += 1 } else { summary.failed += 1 }
                    }
                    progress(.finished(run, exitStatus: status, state: state))
                } else {
                    index += 1
                }
            }
            if !running.isEmpty { usleep(50_000) }
        }
        return summary
    }
}
