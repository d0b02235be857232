import ArgumentParser
import CursesTerminal
import Engine
import Foundation
import Publishing
import Reports
import Runner
import Snapshots
import Sweeps

/// `grokscope run` (alias `train`): train and watch, live or headless.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train a network and watch it grok (live dashboard, or --headless progress lines).",
        discussion: """
            Examples:
              grokscope run                                        # the demo preset, live
              grokscope train --preset paper-add --headless --log add.ndjson
              grokscope run --preset paper-xor --lmn-every 50 --log xor.ndjson
              grokscope run --resume add.safetensors --steps 20000 --log add.ndjson
            """,
        aliases: ["train"])

    @OptionGroup var training: TrainingOptions
    @OptionGroup var display: DisplayOptions

    @Option(help: "Also write the snapshot stream (NDJSON) to this file.")
    var log: String?
    @Option(help: "fsync policy for --log: never, record (every record) or end.")
    var fsync = FsyncPolicy.end
    @Option(help: "Checkpoint file (safetensors). Default: next to --log, else grokscope-<name>-<seed>.safetensors.")
    var checkpoint: String?
    @Option(parsing: .unconditional, help: "Also checkpoint every N steps.")
    var checkpointEvery: Int?
    @Option(help: "Continue from this checkpoint (its recipe wins; --steps sets the step count to reach).")
    var resume: String?
    @Flag(help: "No dashboard: one progress line per evaluation, and a summary at the end.")
    var headless = false
    @Flag(help: "Close the dashboard when training ends (for scripts).")
    var exitOnFinish = false

    func validate() throws {
        if let checkpointEvery, checkpointEvery < 1 { throw ValidationError("--checkpoint-every must be positive") }
    }

    func run() throws {
        BLASRuntime.setThreads(training.threads)
        let recipe = try training.trainingConfiguration()
        // A resumed run continues its checkpoint (and its log): read both before anything is written.
        var resumed: AnyTrainer?
        if let resume {
            do {
                resumed = try Checkpoint.loadAny(from: resume)
            } catch {
                throw UsageError("--resume: \(error)")
            }
        }
        var earlier: [Record] = []  // a resumed run's log so far: the summary covers the whole run
        if let log, let resumed {
            do {
                earlier = try ResumedLog.prepare(path: log, checkpointStep: resumed.step) { bytes in
                    try OutputFile.write(bytes, to: log)
                }
            } catch {
                throw UsageError("--log: \(error)")
            }
        }
        let previous = ResumedLog.header(of: earlier)
        let presetName = training.presetName(resumedFrom: previous, checkpoint: resumed?.configuration)
        let runName = training.name ?? previous?.name.raw ?? (resumed != nil ? presetName : training.runName)
        var config = SessionConfiguration(
            training: recipe, presetName: presetName, runID: previous?.runID.raw ?? "\(runName)-\(recipe.seed)",
            runName: runName)
        config.evalEvery = training.evalEvery
        config.lmnEvery = training.lmnEvery > 0 ? training.lmnEvery : nil
        config.probeSize = training.probeCount
        config.checkpointPath = checkpoint ?? defaultCheckpointPath(seed: recipe.seed)
        config.checkpointAtEnd = checkpoint != nil || checkpointEvery != nil
        config.checkpointEvery = checkpointEvery
        config.resumePath = resume
        config.resumePrecision = training.precision
        if let resumed {
            if training.steps == nil { config.training.steps = resumed.configuration.steps }
            for warning in training.ignoredWithResume(resumed.configuration) {
                FileHandle.standardError.write(Data("grokscope: warning: \(warning)\n".utf8))
            }
        }
        try RunFiles.refuseCollisions([
            ("--log", log), ("--checkpoint", config.checkpointPath), ("--dump-lmn-matrix", training.dumpLmnMatrix),
        ])
        try RunFiles.refuseCollisions([("--log", log), ("--resume", resume)])
        // The default checkpoint next to --log is checked by opening the log (same directory).
        if let path = config.checkpointPath, checkpoint != nil || log == nil {
            config.checkpointPath = try RunFiles.checkCheckpointPath(
                path, option: checkpoint != nil ? "--checkpoint" : "checkpoint")
        }
        config.producer = "grokscope \(Grokscope.version)"
        config.phaseRules = display.rules

        let tee = TeeSink()
        let stop = StopFlag()
        let session: TrainingSession
        do {
            session = try TrainingSession(configuration: config, sink: tee, stopFlag: stop)
        } catch let error as SafetensorsError {
            throw UsageError("--resume: \(error)")
        }
        if let every = config.lmnEvery {
            let probe = try RunFiles.lmnProbe(session: session, training: training)
            let trainer = session.trainer  // measured in its own precision, not the float32 `model` copy
            session.lmn = { _, step in probe.measure(trainer, step: step) }
            session.extraSettings["lmn_probes"] = probe.headerDescription
            _ = every
        }
        session.priorEvaluations = earlier.compactMap { r -> Evaluation? in
            if case .evaluation(let e) = r { return e } else { return nil }
        }
        // Open the log last: a bad option above leaves no half-written file behind.
        var logFile: FileSink?
        if let log {
            do {
                let sync = fsync.syncPolicy
                let file = try FileSink(path: log, sync: sync, existing: resume != nil ? .append : .truncate)
                file.onFirstError = { _ in stop.requestStop() }  // a log that cannot be written stops the run
                logFile = file
                let continued: RecordSink =
                    previous != nil
                    ? ResumingSink(
                        file, step: session.trainer.step,
                        message: "resumed from \(resume ?? "") at step \(session.trainer.step)")
                    : file
                tee.add(PhaseAnnotatingSink(continued, rules: display.rules, earlier: earlier))
            } catch {
                throw UsageError("--log: \(error)")
            }
        }

        let live = !headless && DisplayOptions.terminalCanDraw
        if !headless && !live {
            FileHandle.standardError.write(
                Data(
                    "grokscope: this terminal cannot draw the dashboard (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "") or not a tty); showing progress lines\n"
                        .utf8))
        }
        let result = live ? try runLive(session, tee: tee, stop: stop) : runHeadless(session, stop: stop)
        let before = earlier.compactMap { r -> Evaluation? in
            if case .evaluation(let e) = r { return e } else { return nil }
        }
        let summary = SessionSummary(
            evaluations: before.filter { $0.step < (result.outcome.evaluations.first?.step ?? .max) }
                + result.outcome.evaluations,
            status: result.outcome.status, finalStep: result.outcome.step, rules: display.rules)
        if let error = logFile?.firstError {
            for line in summary.lines { print(line) }
            var message = "--log: \(error) Training stopped at step \(result.outcome.step)"
            if let path = result.outcome.checkpointPath { message += "; its checkpoint is \(Shell.quote(path))" }
            throw RunFailure(message + ".")
        }
        try finish(result.outcome, summary: summary, signal: result.signal, quitEarly: result.quitEarly, config: config)
    }

    /// Options outside the checkpoint's recipe that shape the stream: a resumed run repeats them, so
    /// the appended log keeps its cadence and LMN probe size (LMN values compare only at equal N).
    private var streamOptions: String {
        var options = " --eval-every \(training.evalEvery) --lmn-every \(training.lmnEvery)"
        options += " --lmn-probes \(training.probeCount)"
        if let name = training.name { options += " --name \(Shell.quote(name))" }
        if headless { options += " --headless" }
        return options
    }

    private func defaultCheckpointPath(seed: UInt64) -> String {
        var info = stat()
        if let log, stat(log, &info) != 0 || info.st_mode & S_IFMT == S_IFREG {  // not next to /dev/null
            let base = log.hasSuffix(".ndjson") ? String(log.dropLast(7)) : log
            return base + ".safetensors"
        }
        let safeName = training.runName.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        return "grokscope-\(String(safeName))-\(seed).safetensors"
    }

    struct Result {
        var outcome: SessionOutcome
        var signal: Int32?
        var quitEarly = false
    }

    private func runHeadless(_ session: TrainingSession, stop: StopFlag) -> Result {
        let watcher = SignalWatcher { _ in stop.requestStop() }
        let sweep = SweepParent.expected(in: ProcessInfo.processInfo.environment)
        session.onEvaluation = { progress in
            print(UntrustedText(ProgressLine.format(progress)).sanitized)
            if let sweep, SweepParent.isGone(sweep), !stop.isStopRequested {
                print("grokscope: the sweep that started this run has exited; stopping (end record and checkpoint)")
                stop.requestStop()
            }
            fflush(stdout)
        }
        let outcome = session.run()
        return Result(outcome: outcome, signal: watcher.signal)
    }

    private func runLive(_ session: TrainingSession, tee: TeeSink, stop: StopFlag) throws -> Result {
        let channel = RecordChannel()
        tee.add(channel)
        final class OutcomeBox: @unchecked Sendable { var value: SessionOutcome? }  // written once, read after `done`
        let box = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        // Only the trainer thread uses the session until `done`; this thread reads the outcome after it.
        nonisolated(unsafe) let training = session
        let trainer = Thread {
            box.value = training.run()
            channel.close()
            done.signal()
        }
        trainer.stackSize = 16 << 20
        trainer.start()
        let ended = try display.runDashboard(source: channel, exitWhenEnded: exitOnFinish)
        // The dashboard is closed (terminal restored); let training finish its step and checkpoint.
        stop.requestStop()
        done.wait()
        let outcome = box.value
        var result = Result(outcome: outcome!)
        if ended == .interrupted { result.signal = TerminalSignals.pendingTermination ?? SIGINT }
        if ended == .quit, outcome!.status == .interrupted { result.quitEarly = true }
        return result
    }

    private func finish(
        _ outcome: SessionOutcome, summary: SessionSummary, signal: Int32?, quitEarly: Bool,
        config: SessionConfiguration
    ) throws {
        for line in summary.lines { print(line) }
        if let checkpointError = outcome.checkpointError {
            let message = "checkpoint not written: \(checkpointError) Training stopped at step \(outcome.step)."
            // A signal's exit status wins (the user stopped the run); otherwise the failed write is the news.
            guard signal != nil, outcome.status == .interrupted else { throw RunFailure(message) }
            FileHandle.standardError.write(Data("grokscope: \(message)\n".utf8))
        }
        switch outcome.status {
        case .completed:
            return
        case .diverged:
            throw RunFailure(
                "training diverged at step \(outcome.step) (non-finite loss); try a smaller --lr or --init-scale")
        case .failed:  // written by other producers (a Python script's exception); the engine never does
            throw RunFailure("training failed at step \(outcome.step)")
        case .interrupted:
            var message = "interrupted at step \(outcome.step)"
            if let path = outcome.checkpointPath {
                message += "; resume with: grokscope run --resume \(Shell.quote(path)) --steps \(config.training.steps)"
                if let log { message += " --log \(Shell.quote(log))" }
                message += streamOptions
            }
            FileHandle.standardError.write(Data("grokscope: \(message)\n".utf8))
            if quitEarly, signal == nil { return }
            throw Exit(status: ExitStatus.interrupted(by: signal ?? SIGINT))
        }
    }
}

/// `--fsync`: when the log is flushed to disk.
enum FsyncPolicy: String, CaseIterable, ExpressibleByArgument {
    case never, record, end

    var syncPolicy: FileSink.SyncPolicy {
        switch self {
        case .never: .never
        case .record: .everyRecord
        case .end: .onEnd
        }
    }
}
