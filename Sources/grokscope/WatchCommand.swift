import ArgumentParser
import CursesTerminal
import Dispatch
import Foundation
import Publishing
import Snapshots
import TextFormat

/// `grokscope watch FILE|-` or `grokscope watch -- CMD…`: attach the dashboard to a stream another
/// process writes, or start the trainer and watch it.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Attach the dashboard to a run another process is writing (or has written), or start one.",
        discussion: """
            Examples:
              grokscope watch run.ndjson                 # follow a file being written (e.g. over ssh)
              python train.py | grokscope watch -        # read the stream from standard input
              grokscope watch -- python train.py --lr 1e-3   # run the trainer: stdout is the stream,
                                                         # stderr goes to a pane (key e) and a log file
              grokscope watch --stream run.ndjson -- python train.py --log run.ndjson
              grokscope watch run.ndjson --plain         # one line per record, for logs and CI
              grokscope watch runs/wd-frac               # a folder of streams (a sweep's --out): the runs table
              grokscope watch tb-logs/ --run seed1       # TensorBoard event files (docs/tensorboard.md)
            Keys are read from the terminal (/dev/tty), never from standard input.
            """)

    @Argument(
        help:
            "The stream file, - for standard input, a folder of *.ndjson streams (runs table), or TensorBoard event files (a file or log folder); omit it when a command follows --."
    )
    var file: String?

    @Argument(parsing: .postTerminator, help: "A trainer to start (after --); grokscope returns its exit status.")
    var command: [String] = []

    @Option(help: "With a command: the stream is this file the trainer writes, not its standard output.")
    var stream: String?
    @Option(help: "With a command: where its stderr is saved (default: next to --stream, or trainer-TIME.stderr.log).")
    var stderrLog: String?

    @Flag(help: "Print one line per record instead of the dashboard.")
    var plain = false
    @Flag(help: "Start at the end of the file (only new records; the header is still read).")
    var fromEnd = false
    @Flag(help: "With --plain: stop at the end of the file instead of following it.")
    var noFollow = false
    @OptionGroup var display: DisplayOptions
    @OptionGroup(title: "TensorBoard logs") var tensorBoard: TensorBoardOptions

    func validate() throws {
        if command.isEmpty {
            guard file != nil else { throw ValidationError("give a stream file, - for standard input, or -- CMD") }
            guard stream == nil, stderrLog == nil else {
                throw ValidationError("--stream and --stderr-log go with a command after --")
            }
        } else if file != nil {
            throw ValidationError("give either a stream file or a command after --, not both")
        }
    }

    func run() throws {
        if !command.isEmpty { return try runChild() }
        let file = self.file ?? "-"
        if case .runsDirectory(let directory) = WatchTarget.classify(file) {
            try WatchRunsTable.run(directory: directory, display: display, plain: plain)
            return
        }
        let source: RecordSource
        if file == "-" {
            source = DescriptorSource(descriptor: STDIN_FILENO)
        } else {
            source = try StreamInput.followSource(
                file, fromEnd: fromEnd, follow: !(plain && noFollow), tensorBoard: tensorBoard)
        }
        if plain || !DisplayOptions.terminalCanDraw {
            try PlainPrinter.follow(source, stopAtEnd: noFollow)
            return
        }
        let outcome = try display.runDashboard(source: source, exitWhenEnded: false)
        if outcome == .interrupted {
            throw Exit(status: ExitStatus.interrupted(by: TerminalSignals.pendingTermination ?? SIGINT))
        }
    }

    /// `watch -- CMD`: start the trainer, watch its stream, forward Ctrl-C, return its exit status.
    private func runChild() throws {
        let logPath = stderrLog ?? stream.map { $0 + ".stderr.log" } ?? "trainer-\(FileStamp.now()).stderr.log"
        let child: ChildProcess
        do {
            child = try ChildProcess(command: command, logPath: logPath, stdoutToLog: stream != nil)
        } catch {
            throw RunFailure("\(error)")
        }
        let source: RecordSource =
            stream.map { FileTailSource(path: $0, from: .beginning) }
            ?? DescriptorSource(descriptor: child.stdoutDescriptor ?? STDIN_FILENO)
        if plain || !DisplayOptions.terminalCanDraw {
            // Ctrl-C reaches only us (the trainer has its own process group): pass each signal on; the
            // stream then ends with the trainer's end record.
            let forwarding = [SIGINT, SIGTERM, SIGHUP].map { sig in
                signal(sig, SIG_IGN)  // dispatch sources only see signals the process ignores
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { child.signal(sig) }
                source.resume()
                return source
            }
            defer { forwarding.forEach { $0.cancel() } }
            try PlainPrinter.follow(source, stopAtEnd: false)
        } else {
            var forwarded = false
            _ = try display.runDashboard(
                source: source, exitWhenEnded: false, notices: ["trainer stderr → \(logPath) (key e shows it)"],
                liveOptions: { $0.child = child },
                shouldStop: {
                    // Ctrl-C, SIGTERM, SIGHUP go to the trainer, which ends its run; once it has exited,
                    // the dashboard closes too. q leaves at once (the trainer is then stopped below).
                    if let sig = TerminalSignals.takeTermination() {
                        child.signal(sig)
                        forwarded = true
                    }
                    return forwarded && child.exitStatus != nil
                })
        }
        if child.exitStatus == nil {
            FileHandle.standardError.write(Data("grokscope: stopping the trainer (pid \(child.pid))…\n".utf8))
        }
        let status = child.stop()
        FileHandle.standardError.write(
            Data(
                "grokscope: trainer \(ChildProcess.describe(status)); its stderr is in \(UntrustedText(logPath))\n".utf8
            ))
        if status != 0 { throw Exit(status: status) }
    }
}
