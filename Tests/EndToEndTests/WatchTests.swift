import Foundation
import Testing

extension EndToEnd {
    @Suite("watch")
    struct WatchTests {
        /// The dashboard follows a file another process is appending to.
        @Test(EndToEnd.needsTmux) func watchFollowsAGrowingFile() throws {
            let dir = try Binary.scratch()
            let writer = try GrokscopeProcess(
                ["train", "--headless", "--log", "live.ndjson"] + FastRun.demo(steps: 100_000), in: dir)
            defer { writer.stop() }
            try writer.waitForOutput(timeout: 30, "the writer to start") { $0.firstMatch(of: #/step +20/#) != nil }
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) watch live.ndjson")
            func step(_ screen: String) -> Int? {
                screen.firstMatch(of: #/step (\d+)/100k/#).flatMap { Int($0.1) }
            }
            let first = try shell.waitFor(timeout: 30, "a step in the header") { step($0) != nil }
            let firstStep = step(first)!
            let later = try shell.waitFor(timeout: 30, "the step to advance past \(firstStep)") {
                (step($0) ?? 0) > firstStep
            }
            #expect(later.contains("demo") && later.contains("live"), "\(later)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        /// `trainer | grokscope watch -`: the stream comes on standard input, the keys from the terminal.
        @Test(EndToEnd.needsTmux) func watchStandardInputReadsKeysFromTheTerminal() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            // The pipe stays open after the file (sleep), so only the q key can end the dashboard.
            try shell.runLine("(cat grokked.ndjson; sleep 8) | \(try Binary.shellPath()) watch -; echo watch-exit-$?")
            let screen = try shell.waitFor("GENERALIZED")
            #expect(screen.contains("step 2800/2800"), "\(screen)")
            try shell.send("?")
            try shell.waitFor(" keys ")
            try shell.send("Escape")
            try shell.send("q")
            // The dashboard closes at once (terminal restored), while the pipe is still open; the echo
            // runs when the pipeline ends, after the sleep.
            try shell.waitFor(timeout: 5, "the dashboard to close") { !$0.contains("L2 norm") }
            try shell.waitFor("watch-exit-0", timeout: 20)
        }

        @Test func plainWatchOfAFinishedFilePrintsAndExits() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let run = try GrokscopeProcess.run(["watch", "--plain", "grokked.ndjson"], in: dir, timeout: 30)
            #expect(run.status == 0, "\(run.transcript)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("run e2e-grokked") == true, "\(run.transcript)")
            #expect(lines.filter { $0.hasPrefix("step") }.count == 29, "one line per evaluation:\n\(run.transcript)")
            #expect(lines.last?.hasPrefix("end at step 2800: completed") == true, "\(run.transcript)")
        }

        /// A file that does not exist yet: the dashboard says it waits, then shows the run once it appears.
        @Test(EndToEnd.needsTmux) func watchWaitsForAFileThatDoesNotExistYet() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) watch later.ndjson")
            let waiting = try shell.waitFor("waiting for later.ndjson")
            #expect(waiting.contains("waiting for a run header"), "\(waiting)")
            _ = try GrokkedRecording.copy(into: dir, as: "later.ndjson")
            try shell.waitFor(timeout: 30, "the run to appear") {
                $0.contains("e2e-grokked") && $0.contains("GENERALIZED")
            }
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        /// A stream without an end record whose writer went away is marked stale.
        @Test(EndToEnd.needsTmux) func abandonedStreamTurnsStale() throws {
            let dir = try Binary.scratch()
            let full = try String(contentsOf: try GrokkedRecording.copy(into: dir), encoding: .utf8)
            let withoutEnd = full.split(separator: "\n").prefix(12).joined(separator: "\n") + "\n"
            try withoutEnd.write(to: dir.appendingPathComponent("abandoned.ndjson"), atomically: true, encoding: .utf8)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) watch --stale-after 2 abandoned.ndjson")
            let stale = try shell.waitFor(timeout: 20, "the stale mark") { $0.contains("stale since") }
            #expect(stale.contains("e2e-grokked"), "\(stale)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        /// Negative control: a finished stream is never stale.
        @Test(EndToEnd.needsTmux) func finishedStreamIsNotStale() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) watch --stale-after 1 grokked.ndjson")
            try shell.waitFor("completed")
            Thread.sleep(forTimeInterval: 2.5)
            let screen = try shell.capture()
            #expect(!screen.contains("stale"), "\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }
    }
}
