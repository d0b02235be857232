/// Where a running sweep stands, from the launcher's progress events: the counts the runs table's
/// status line shows (running, queued, done, failed, stopped) and whether the sweep is stopping or over.
/// A plain value, so the line is tested without processes (docs/sweeps.md, "The table while it runs").
public struct SweepProgress: Sendable, Equatable {
    public let total: Int
    public let jobs: Int
    public private(set) var running = 0
    /// Finished runs: this sweep's and those a previous one finished (skipped).
    public private(set) var done = 0
    /// Children that ended without an end record on their own (a crash, a bad option).
    public private(set) var failed = 0
    /// Children stopped by a stop request (end record `interrupted`).
    public private(set) var stopped = 0
    /// A stop was asked for: nothing more is launched.
    public private(set) var isStopping = false
    /// The launcher has returned (all runs ended, or stopped); `error` says why it could not go on.
    public private(set) var isFinished = false
    public private(set) var error: String?

    public init(total: Int, jobs: Int) {
        self.total = max(0, total)
        self.jobs = max(1, jobs)
    }

    /// Runs neither started nor ended yet (after a stop: those that will not start).
    public var queued: Int { max(0, total - running - done - failed - stopped) }

    public mutating func apply(_ event: SweepLauncher.Progress) {
        switch event {
        case .skipped: done += 1
        case .started: running += 1
        case .finished(_, _, let state):
            running = max(0, running - 1)
            switch state {
            case .finished: done += 1
            case .unfinished, .notStarted:
                if isStopping { stopped += 1 } else { failed += 1 }
            }
        }
    }

    public mutating func stopRequested() { isStopping = true }

    public mutating func finish(error: String? = nil) {
        isFinished = true
        running = 0
        self.error = error
    }

    /// The one-line status ("sweep: 2 running · 1 queued · 1 done · 0 failed · jobs 2"). The error text
    /// may hold a path: callers draw it as untrusted text.
    public var statusLine: String {
        if let error { return "sweep failed: \(error)" }
        if isFinished {
            var parts = ["\(done) done", "\(failed) failed"]
            if stopped > 0 || isStopping { parts += ["\(stopped) stopped", "\(queued) not started"] }
            return (isStopping ? "sweep stopped: " : "sweep finished: ") + parts.joined(separator: " · ")
        }
        if isStopping {
            return "sweep stopping: \(running) running (each writes its end record and checkpoint) · \(done) done"
        }
        return "sweep: \(running) running · \(queued) queued · \(done) done · \(failed) failed · jobs \(jobs)"
    }
}
