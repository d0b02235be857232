import ArgumentParser
import CursesTerminal
import Foundation
import Publishing
import Snapshots

/// `grokscope replay FILE`: play a recorded run back at a chosen pace, for talks.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract:
            "Play a recorded run back for a talk (keys: space pause, [ ] speed, . , step, j next phase, R restart, 1-9 jump).",
        discussion: """
            Examples:
              grokscope replay run.ndjson --duration 60s
              grokscope replay run.ndjson --speed 20
              grokscope replay run.ndjson --duration 1m30s --theme projector
            """)

    @Argument(help: "A recorded stream (NDJSON), or TensorBoard event files (a file or log folder).")
    var file: String
    @Option(parsing: .unconditional, help: "Playback speed relative to the recorded run's clock, 1 to 1000 (×; default 10).")
    var speed: Double?
    @Option(parsing: .unconditional, help: "Play the whole run in this time instead: 60s, 2m, 1m30s or 90 (seconds).")
    var duration: String?
    @Flag(help: "Quit by itself when the replay reaches the end.")
    var exitOnFinish = false
    @OptionGroup var display: DisplayOptions
    @OptionGroup(title: "TensorBoard logs") var tensorBoard: TensorBoardOptions

    func validate() throws {
        if let speed, !ReplaySource.speedRange.contains(speed) {
            throw ValidationError("--speed \(speed) is out of range; use 1 to 1000")
        }
        if let duration {
            guard speed == nil else { throw ValidationError("use either --speed or --duration, not both") }
            do {
                _ = try PlaybackDuration.parse(duration)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    func run() throws {
        let records = try StreamInput.loadAll(file, tensorBoard: tensorBoard)
        guard DisplayOptions.terminalCanDraw else {
            throw UsageError(
                "replay needs a terminal that can draw; use 'grokscope report \(file)' or 'grokscope watch --plain \(file)'"
            )
        }
        let source: ReplaySource
        if let duration {
            source = ReplaySource(records: records, duration: try PlaybackDuration.parse(duration))
        } else {
            source = ReplaySource(records: records, speed: speed ?? 10)
        }
        let outcome = try display.runDashboard(source: source, exitWhenEnded: exitOnFinish)
        if outcome == .interrupted {
            throw Exit(status: ExitStatus.interrupted(by: TerminalSignals.pendingTermination ?? SIGINT))
        }
    }
}

/// Reads a whole recorded stream, reporting skipped lines on stderr and failing clearly on an
/// unreadable file or an incompatible format.
enum StreamLoader {
    static func load(_ path: String) throws -> [Record] {
        let (records, diagnostics): ([Record], StreamDiagnostics)
        do {
            (records, diagnostics) = try StreamFile.readAll(path: path)
        } catch {
            throw UsageError("\(error)")
        }
        if let incompatible = diagnostics.incompatibility { throw RunFailure("\(incompatible)") }
        if !diagnostics.isClean {
            FileHandle.standardError.write(Data("grokscope: \(UntrustedText(path)): \(diagnostics.summary)\n".utf8))
        }
        guard records.contains(where: { if case .evaluation = $0 { return true } else { return false } }) else {
            throw RunFailure("\(UntrustedText(path)) has no evaluation records")
        }
        return records
    }
}
