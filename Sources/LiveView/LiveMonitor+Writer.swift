import Publishing
import TUI

/// What the dashboard says about the process writing the stream: a pipe that ended without an end
/// record, and the trainer `watch -- cmd` started (exit status, stderr pane).
extension LiveMonitor {
    /// Replaces "live … ETA" once the writer is known to be gone; nil while it may still write.
    var writerLiveness: String? {
        guard replay == nil else { return nil }
        if let child = options.child, let status = child.exitStatus {
            let exited = "trainer " + ChildProcess.describe(status)
            if case .ended = source.status { return exited }
            return exited + " (no end record)"
        }
        if case .endOfInput = source.status { return "writer exited (no end record)" }
        return nil
    }

    /// The stderr pane when it is open: the command, the log file, the lines that fit.
    var logPaneModel: LogPaneModel? {
        guard showLogPane, let child = options.child else { return nil }
        let title = "stderr of \(child.command.joined(separator: " ")) → \(child.log.path)"
        return LogPaneModel(title: title, lines: child.log.lastLines(12))
    }

    func toggleLogPane() {
        guard options.child != nil else {
            return setStatus("no trainer stderr here: start the trainer with grokscope watch -- CMD")
        }
        showLogPane.toggle()
    }
}
