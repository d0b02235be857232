import Foundation

/// Runs a `SweepLauncher` on its own thread while the caller draws the runs table: the launcher's
/// events become a `SweepProgress` the UI reads, and a stop request (q, Ctrl-C) reaches the launcher
/// through its `stopRequest` poll, so children are stopped by the launcher's own logic (each writes
/// its end record and checkpoint). Thread-safe: one lock around the progress and the stop signal.
public final class SweepSupervisor: @unchecked Sendable {
    private let lock = NSLock()
    private var state: SweepProgress
    private var stopSignal: Int32?
    private var result: Result<SweepLauncher.Summary, SweepError>?
    private let ended = DispatchSemaphore(value: 0)

    public init(total: Int, jobs: Int) {
        state = SweepProgress(total: total, jobs: jobs)
    }

    public var progress: SweepProgress { lock.withLock { state } }

    /// The signal the launcher forwards to each running child, once asked to stop.
    public var stopRequest: Int32? { lock.withLock { stopSignal } }

    /// Asks the sweep to stop (the first request's signal is the one forwarded; later ones are ignored).
    public func requestStop(_ signal: Int32) {
        lock.withLock {
            guard stopSignal == nil, !state.isFinished else { return }
            stopSignal = signal
            state.stopRequested()
        }
    }

    func record(_ event: SweepLauncher.Progress) { lock.withLock { state.apply(event) } }

    /// Starts the launcher on a thread of its own; `wait` returns its summary.
    public func start(
        runs: [SweepRun], directory: String, executable: String, jobs: Int, extra: [String], checkpointEvery: Int
    ) {
        let thread = Thread { [self] in
            let launcher = SweepLauncher(
                runs: runs, directory: directory, executable: executable, jobs: jobs, extra: extra,
                checkpointEvery: checkpointEvery, stopRequest: { [self] in stopRequest },
                progress: { [self] in record($0) })
            let outcome: Result<SweepLauncher.Summary, SweepError>
            do throws(SweepError) {
                outcome = .success(try launcher.run())
            } catch {
                outcome = .failure(error)
            }
            lock.withLock {
                result = outcome
                if case .failure(let error) = outcome { state.finish(error: error.description) } else { state.finish() }
            }
            ended.signal()
        }
        thread.name = "sweep launcher"
        thread.start()
    }

    /// Blocks until the launcher has returned (every child reaped).
    public func wait() throws(SweepError) -> SweepLauncher.Summary {
        ended.wait()
        ended.signal()  // later waits return at once
        let outcome = lock.withLock { result! }
        return try outcome.get()
    }
}
