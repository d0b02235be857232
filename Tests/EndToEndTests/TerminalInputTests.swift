import Foundation
import Testing

extension EndToEnd {
    /// Input the dashboard must never act on, screens other processes wrote over, and trainers that
    /// grokscope starts or reads from a pipe (issue 11 §3, issue 9 §3).
    @Suite("terminal input, repaint and child trainers", EndToEnd.needsTmux)
    struct TerminalInputTests {
        /// CPU seconds (user + system) a process has used, from /proc.
        static func cpuSeconds(pid: Int32) throws -> Double {
            let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            let fields = stat[stat.lastIndex(of: ")")!...].split(separator: " ")
            // After the ")": state is field 3 of stat, utime 14 and stime 15 → indices 12 and 13 here.
            let ticks = Double(fields[12])! + Double(fields[13])!
            return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
        }

        /// The pid a command line wrote with `echo $$ > FILE; exec …`.
        static func pid(in dir: URL, _ name: String = "gs.pid") throws -> Int32 {
            let url = dir.appendingPathComponent(name)
            let deadline = Date(timeIntervalSinceNow: 10)
            while Date() < deadline {
                if let text = try? String(contentsOf: url, encoding: .utf8),
                    let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
                {
                    return pid
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            throw E2EError.timeout("the pid file \(name)", screen: "")
        }

        /// CPU used by `pid` over `window` seconds of wall time, while `shell` keeps showing `text`.
        static func cpuOver(window: Double, pid: Int32, shell: TmuxSession, showing text: String) throws -> Double {
            let before = try cpuSeconds(pid: pid)
            let start = Date()
            var lost: String?
            try shell.waitFor(timeout: window + 10, "\(window) s with \"\(text)\" on screen") {
                if !$0.contains(text) { lost = $0 }
                return lost != nil || Date().timeIntervalSince(start) >= window
            }
            if let lost { throw E2EError.timeout("\"\(text)\" to stay on screen", screen: lost) }
            return try cpuSeconds(pid: pid) - before
        }

        /// `watch FILE < /dev/null`: keys come from the terminal, so q works, and the loop sleeps.
        @Test func stdinFromDevNullQuitsOnQAndIdles() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine(
                "sh -c 'echo $$ > gs.pid; exec \(try Binary.shellPath()) watch grokked.ndjson' < /dev/null")
            try shell.waitFor("GENERALIZED")
            let pid = try Self.pid(in: dir)
            let cpu = try Self.cpuOver(window: 2, pid: pid, shell: shell, showing: "GENERALIZED")
            // Idle: a heartbeat a second. A loop spinning on /dev/null burns the whole window.
            #expect(cpu < 0.2, "CPU over 2 s of an idle dashboard: \(cpu) s")
            try shell.send("q")
            #expect(try shell.waitForExitStatus(timeout: 10) == 0)
        }

        /// `watch FILE < keys.txt`: the file's bytes are not keystrokes (s would save the screen, q quit).
        @Test func stdinFromAFileIsNotReadAsKeys() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            try "s?q".write(to: dir.appendingPathComponent("keys.txt"), atomically: true, encoding: .utf8)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) watch grokked.ndjson < keys.txt")
            try shell.waitFor("GENERALIZED")
            // Real keys still work: the help opens and closes, then q quits.
            try shell.send("?")
            try shell.waitFor("quit (also Ctrl-C)")
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "Esc to close the help") { !$0.contains("quit (also Ctrl-C)") }
            try shell.send("q")
            #expect(try shell.waitForExitStatus(timeout: 10) == 0)
            let saved = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
                $0.hasPrefix("grokscope-screen-")
            }
            #expect(saved.isEmpty, "the file's s saved the screen: \(saved)")
        }

        /// Ctrl-Z, then fg, on a dashboard with nothing new to show: it comes back at once, not blank.
        @Test func ctrlZAndFgRepaintAnIdleDashboard() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            // Typed without runLine's status echo: a stopped job lets the shell run the echo (status 148).
            try shell.type("\(try Binary.shellPath()) watch grokked.ndjson")
            try shell.send("Enter")
            try shell.waitFor("GENERALIZED")
            try shell.send("C-z")
            try shell.waitFor(timeout: 10, "the dashboard to stop") { !$0.contains("GENERALIZED") && $0.contains("$") }
            try shell.type("fg")
            try shell.send("Enter")
            try shell.waitFor(timeout: 10, "the dashboard to be repainted after fg") { $0.contains("GENERALIZED") }
            try shell.send("q")
            try shell.waitFor(timeout: 10, "the dashboard to close") { !$0.contains("GENERALIZED") }
            try shell.assertShellUsable()
        }

        /// Another process writes over the screen; Ctrl-L puts the dashboard back.
        @Test func ctrlLRepaintsAfterAnotherProcessWroteOverTheScreen() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("tty > tty.txt; \(try Binary.shellPath()) watch grokked.ndjson")
            try shell.waitFor("GENERALIZED")
            let tty = try String(contentsOf: dir.appendingPathComponent("tty.txt"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let handle = try #require(FileHandle(forWritingAtPath: tty))
            handle.write(Data("\u{1B}[2J\u{1B}[HSTRAY-TRAINER-OUTPUT\r\n".utf8))
            try handle.close()
            try shell.waitFor(timeout: 10, "the stray output on a cleared screen") {
                $0.contains("STRAY-TRAINER-OUTPUT") && !$0.contains("GENERALIZED")
            }
            try shell.send("C-l")
            try shell.waitFor(timeout: 10, "Ctrl-L to repaint") {
                $0.contains("GENERALIZED") && !$0.contains("STRAY-TRAINER-OUTPUT")
            }
            try shell.send("q")
            #expect(try shell.waitForExitStatus(timeout: 10) == 0)
        }

        /// `trainer | grokscope watch -` where the trainer dies without an end record.
        @Test func pipeEndingWithoutEndRecordSaysTheWriterExited() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine(
                "head -n 12 grokked.ndjson | sh -c 'echo $$ > gs.pid; exec \(try Binary.shellPath()) watch -'")
            let screen = try shell.waitFor("writer exited (no end record)")
            #expect(!screen.contains("ETA"), "\(screen)")
            let pid = try Self.pid(in: dir)
            let cpu = try Self.cpuOver(window: 2, pid: pid, shell: shell, showing: "writer exited")
            #expect(cpu < 0.2, "a closed pipe must not keep the loop awake: \(cpu) s of CPU in 2 s")
            try shell.send("q")
            #expect(try shell.waitForExitStatus(timeout: 10) == 0)
        }

        /// `watch -- cmd`: the child's stdout is the stream, its stderr a pane (e) and a file, its exit
        /// status is shown and returned.
        @Test func watchRunsTheTrainerShowsItsStderrAndReturnsItsStatus() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine(
                "\(try Binary.shellPath()) watch --stderr-log err.log -- sh -c 'cat grokked.ndjson; echo trainer-warning-42 >&2; exit 3'"
            )
            try shell.waitFor("trainer exited with status 3")
            try shell.send("e")
            try shell.waitFor("trainer-warning-42")
            try shell.send("q")
            #expect(try shell.waitForExitStatus(timeout: 20) == 3)
            let log = try String(contentsOf: dir.appendingPathComponent("err.log"), encoding: .utf8)
            #expect(log == "trainer-warning-42\n")
        }

        /// Ctrl-C goes to the trainer, which ends its run; grokscope then returns the trainer's status.
        @Test func ctrlCIsForwardedToTheTrainer() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine(
                "\(try Binary.shellPath()) watch --stderr-log err.log -- sh -c 'trap \"echo got-int >&2; exit 5\" INT; head -n 12 grokked.ndjson; while :; do sleep 0.1; done'"
            )
            try shell.waitFor("e2e-grokked")
            try shell.send("C-c")
            #expect(try shell.waitForExitStatus(timeout: 20) == 5)
            let log = try String(contentsOf: dir.appendingPathComponent("err.log"), encoding: .utf8)
            #expect(log.contains("got-int"), "\(log)")
            try shell.assertShellUsable()
        }
    }
}
