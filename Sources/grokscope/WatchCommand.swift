import ArgumentParser
import CursesTerminal
import Foundation
import Publishing
import Snapshots

/// `grokscope watch FILE|-`: attach the dashboard to a stream another process writes.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Attach the dashboard to a run another process is writing (or has written).",
        discussion: """
            Examples:
              grokscope watch run.ndjson                 # follow a file being written (e.g. over ssh)
              python train.py | grokscope watch -        # read the stream from standard input
              grokscope watch run.ndjson --plain         # one line per record, for logs and CI
              grokscope watch runs/wd-frac               # a folder of streams (a sweep's --out): the runs table
              grokscope watch tb-logs/ --run seed1       # TensorBoard event files (docs/tensorboard.md)
            """)

    @Argument(
        help:
            "The stream file, - for standard input, a folder of *.ndjson streams (runs table), or TensorBoard event files (a file or log folder)."
    )
    var file: String

    @Flag(help: "Print one line per record instead of the dashboard.")
    var plain = false
    @Flag(help: "Start at the end of the file (only new records; the header is still read).")
    var fromEnd = false
    @Flag(help: "With --plain: stop at the end of the file instead of following it.")
    var noFollow = false
    @OptionGroup var display: DisplayOptions
    @OptionGroup(title: "TensorBoard logs") var tensorBoard: TensorBoardOptions

    func run() throws {
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
        let outcome = try display.runDashboard(
            source: source, exitWhenEnded: false, keyboardDevice: file == "-" ? "/dev/tty" : nil)
        if outcome == .interrupted {
            throw Exit(status: ExitStatus.interrupted(by: TerminalSignals.pendingTermination ?? SIGINT))
        }
    }
}
