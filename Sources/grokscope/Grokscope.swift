import ArgumentParser
import Engine
import Foundation
import Snapshots

/// `grokscope`: watch a neural network grok. With no arguments it trains the `demo` preset live.
struct Grokscope: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "grokscope",
        abstract: "Watch a neural network grok: memorization, compression (LMN) and generalization, live.",
        discussion: """
            Examples:
              grokscope                                  # train the demo preset with the live dashboard
              grokscope train --preset paper-add --headless --log run.ndjson
              grokscope watch run.ndjson                 # attach to a run another process writes
              grokscope replay run.ndjson --speed 20     # play a recorded run back for a talk
              grokscope report run.ndjson --svg run.svg  # summary and a slide figure
            """,
        version: version,
        subcommands: [
            RunCommand.self, WatchCommand.self, ReplayCommand.self, ReportCommand.self, SweepCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: RunCommand.self)
}

/// Exit codes, in one place: 0 done, 1 run failed (diverged or an I/O error), 2 usage error,
/// 130/143 interrupted by SIGINT/SIGTERM (129 for SIGHUP).
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2

    static func interrupted(by signal: Int32) -> Int32 { 128 + signal }
}

/// A problem with what the user asked for: one line on stderr, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The run itself failed (diverged, unreadable input): one line on stderr, exit code 1.
struct RunFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Ends the process with a status after the command has printed its own message.
struct Exit: Error {
    let status: Int32
}

@main
enum Main {
    static func main() {
        // OpenBLAS picks its kernel at load time; re-exec with the right OPENBLAS_CORETYPE if needed.
        _ = BLASRuntime.ensureFastKernel()
        BLASRuntime.setThreads(BLASRuntime.recommendedThreads)  // from CPU facts: docs/performance.md
        signal(SIGPIPE, SIG_IGN)  // a closed pipe (grokscope watch --plain | head) is an error, not a kill
        do {
            var command = try Grokscope.parseAsRoot()
            try command.run()
            exit(ExitStatus.success)
        } catch let stop as Exit {
            exit(stop.status)
        } catch let error as UsageError {
            fail("grokscope: \(error)", ExitStatus.usage)
        } catch let error as RunFailure {
            fail("grokscope: \(error)", ExitStatus.failure)
        } catch let error as ConfigurationError {
            fail("grokscope: \(error)", ExitStatus.usage)
        } catch {
            let code = Grokscope.exitCode(for: error)
            if code == .success {
                print(Grokscope.fullMessage(for: error))  // --help, --version
                exit(ExitStatus.success)
            }
            // Argument parser errors: usage (2), one line: the parser's reason and where to read more.
            fail(oneLine(Grokscope.fullMessage(for: error), fallback: "\(error)"), ExitStatus.usage)
        }
    }

    /// `Error: X\nUsage: …\n  See 'grokscope run --help' …` → `grokscope: X (see 'grokscope run --help')`.
    static func oneLine(_ message: String, fallback: String) -> String {
        let lines = message.split(separator: "\n").map(String.init)
        guard var first = lines.first else { return "grokscope: \(fallback)" }
        if first.hasPrefix("Error: ") { first = String(first.dropFirst("Error: ".count)) }
        // A typed option with many values lists them one per line ("one of the following:\n - add …"):
        // keep them on the one line, so the message still names every valid value.
        if first.hasSuffix("one of the following:") {
            let choices = lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                .prefix { $0.hasPrefix("- ") }.map { "'\($0.dropFirst(2))'" }
            if !choices.isEmpty {
                first = first.dropLast(" the following:".count) + " " + choices.joined(separator: ", ") + "."
            }
        }
        let help = lines.lazy.compactMap { line -> String? in
            guard let start = line.range(of: "See '"), let end = line[start.upperBound...].firstIndex(of: "'") else {
                return nil
            }
            return String(line[start.upperBound..<end])
        }.first
        return "grokscope: \(first)" + (help.map { " (see '\($0)')" } ?? "")
    }

    static func fail(_ message: String, _ status: Int32) -> Never {
        // Messages quote paths and stream text: one sanitizer for every line we print.
        FileHandle.standardError.write(Data((UntrustedText.sanitizeLines(message) + "\n").utf8))
        exit(status)
    }
}
