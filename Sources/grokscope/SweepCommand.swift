import ArgumentParser
import CursesTerminal
import Foundation
import Runs
import RunsView
import Sweeps

/// `grokscope sweep`: a grid of headless training runs, locally or as commands for a cluster.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train every combination of a grid of settings and seeds, each as its own headless run.",
        discussion: """
            Each run writes OUT/NAME.ndjson (its stream), NAME.safetensors (checkpoints) and NAME.out (its
            progress lines); OUT/sweep.json lists them. Re-running the same command skips finished runs and
            resumes interrupted ones. Ctrl-C stops every run cleanly. Options after `--` go to every run.
            On a terminal the runs table of OUT shows while it runs (keys as in `grokscope watch DIR`; q or
            Ctrl-C stops every run cleanly, then quits); --no-table, or output to a file or pipe, prints one
            line per run instead.

            Examples:
              grokscope sweep --preset demo --grid weight-decay=0,0.1,0.3,1 --grid train-fraction=0.3,0.5,0.7 \\
                  --seeds 0-2 --out runs/wd-frac --jobs 2
              grokscope sweep --grid lr=1e-3,3e-3 --seeds 0-4 --out runs/lr -- --steps 3000
              grokscope sweep ... --print-commands | parallel -j 8     # or xargs -P, or a Slurm array
            """)

    @Option(help: "Preset every run starts from.") var preset = "demo"
    @Option(help: "An axis of the grid: OPTION=V1,V2,… (repeatable; hidden widths as 100x100).")
    var grid: [String] = []
    @Option(help: "Seeds: a list and/or ranges, e.g. 0-2 or 0,5,9.") var seeds = "0"
    @Option(help: "Folder for the runs' files and sweep.json.") var out: String
    @Option(help: "Runs at the same time (default: one per core).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Checkpoint every N steps, so a killed run resumes close to where it was.")
    var checkpointEvery = 1000
    @Flag(help: "Print one shell command per run and launch nothing (for parallel, xargs -P or Slurm).")
    var printCommands = false
    @Flag(help: "Print one line per run start and end instead of showing the runs table.")
    var noTable = false
    @Flag(help: "With the runs table: quit as soon as every run has ended (default: stay until q).")
    var exitWhenDone = false
    @OptionGroup(title: "Runs table") var display: DisplayOptions
    @Argument(parsing: .postTerminator, help: "Options passed to every `grokscope train` (after --).")
    var trainOptions: [String] = []

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every must be at least 1") }
        guard !out.isEmpty else { throw ValidationError("--out must name a folder") }
    }

    func run() throws {
        let sweep: SweepGrid
        let runs: [SweepRun]
        do {
            sweep = SweepGrid(preset: preset, axes: try grid.map(SweepGrid.axis), seeds: try SweepGrid.seeds(seeds))
            runs = try sweep.runs()
        } catch {
            throw UsageError("\(error)")
        }
        let executable = Self.ownExecutable()
        if printCommands {
            for run in runs {
                let arguments = run.trainArguments(
                    directory: out, resume: nil, checkpointEvery: checkpointEvery, extra: trainOptions)
                print(ShellQuote.command([executable] + arguments))
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw UsageError("--out \(out): cannot create the folder (\(error.localizedDescription))")
        }
        do {
            try SweepManifest.write(grid: sweep, runs: runs, extra: trainOptions, directory: out)
        } catch {
            throw UsageError("\(error)")
        }
        if !noTable && DisplayOptions.terminalCanDraw {
            try runWithTable(runs: runs, executable: executable)
        } else {
            try runWithLines(runs: runs, executable: executable)
        }
    }

    /// The runs table of `--out` while the launcher runs on its own thread (docs/sweeps.md).
    private func runWithTable(runs: [SweepRun], executable: String) throws {
        let supervisor = SweepSupervisor(total: runs.count, jobs: jobs)
        let browser = RunsBrowser(
            source: RunsDirectorySource(directory: out),
            table: RunsTable(staleAfter: max(display.staleAfter, 30), rules: display.rules), title: out)
        browser.statusLine = { supervisor.progress.statusLine }
        let exitWhenDone = self.exitWhenDone
        let signal = try WatchRunsTable.interactive(
            browser: browser, display: display,
            onTerminal: {
                supervisor.start(
                    runs: runs, directory: out, executable: executable, jobs: jobs, extra: trainOptions,
                    checkpointEvery: checkpointEvery)
            },
            leave: { exitWhenDone && supervisor.progress.isFinished })
        let progress = supervisor.progress
        if !progress.isFinished {
            // q or Ctrl-C: the launcher asks each running child once to stop and waits for them.
            supervisor.requestStop(signal ?? SIGINT)
            print("grokscope: stopping \(progress.running) runs (each writes its end record and checkpoint)…")
            fflush(stdout)
        }
        let summary: SweepLauncher.Summary
        do {
            summary = try supervisor.wait()
        } catch {
            throw RunFailure("\(error)")
        }
        try finish(summary, stoppedBy: signal ?? (supervisor.progress.isStopping ? SIGINT : nil))
    }

    /// One line per run start and end (no terminal, or --no-table).
    private func runWithLines(runs: [SweepRun], executable: String) throws {
        let watcher = SignalWatcher(onSignal: { _ in })
        let total = runs.count
        var done = 0
        let launcher = SweepLauncher(
            runs: runs, directory: out, executable: executable, jobs: jobs, extra: trainOptions,
            checkpointEvery: checkpointEvery, stopRequest: { watcher.signal },
            progress: { event in
                switch event {
                case .skipped(let run, let outcome):
                    done += 1
                    print("[\(done)/\(total)] \(run.name): already finished (\(outcome.rawValue))")
                case .started(let run, let resumed):
                    print("[\(done)/\(total)] \(run.name): \(resumed ? "resumed" : "started")")
                case .finished(let run, let status, let state):
                    done += 1
                    let what: String
                    switch state {
                    case .finished(let outcome): what = outcome.rawValue
                    case .unfinished: what = "stopped (exit \(status)); the next sweep resumes it"
                    case .notStarted: what = "no log written (exit \(status)); see \(run.name).out"
                    }
                    print("[\(done)/\(total)] \(run.name): \(what)")
                }
                fflush(stdout)
            })
        try finish(try launcher.run(), stoppedBy: watcher.signal)
    }

    /// The summary line and the exit status: 128 + the signal when stopped (q counts as SIGINT), 1 when a
    /// run failed.
    private func finish(_ summary: SweepLauncher.Summary, stoppedBy signal: Int32?) throws {
        print(
            "sweep \(out): \(summary.completed) finished, \(summary.skipped) already done, "
                + "\(summary.interrupted) interrupted, \(summary.failed) failed, \(summary.notStarted) not started")
        if let signal { throw Exit(status: ExitStatus.interrupted(by: signal)) }
        if summary.failed > 0 { throw Exit(status: ExitStatus.failure) }
    }

    /// This binary, so every run uses the same build.
    static func ownExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
