import Foundation
import Testing

extension EndToEnd {
    /// `grokscope sweep` on a terminal: the runs table of its --out folder while the runs go.
    @Suite("sweep table")
    struct SweepTableTests {
        static func command(_ extra: [String]) throws -> String {
            ([try Binary.shellPath()] + SweepTests.grid + ["--jobs", "2"] + extra).joined(separator: " ")
        }

        /// A 2×2 sweep in the table: two runs at once, rows fill to done, "sweep finished" stays until q;
        /// two marked runs overlay, Enter opens a run and Esc returns; q quits with the summary line.
        @Test(EndToEnd.needsTmux) func theTableFillsOverlaysOpensARunAndQuits() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir, width: 160, height: 30)
            try shell.runLine(
                try Self.command([
                    "--", "--steps", "400", "--eval-every", "20", "--lmn-every", "100", "--lmn-probes", "16",
                ]))
            try shell.waitFor(timeout: 120, "two runs at once in the status line") {
                $0.contains("grokscope runs runs") && $0.contains("sweep: 2 running")
            }
            let finished = try shell.waitFor(timeout: 240, "every row done and the sweep finished") {
                $0.contains("4 runs: 0 live 0 stale 4 done") && $0.contains("sweep finished: 4 done · 0 failed")
            }
            for name in ["wd0_frac0.5_seed0", "wd0_frac0.7_seed0", "wd1_frac0.5_seed0", "wd1_frac0.7_seed0"] {
                #expect(finished.contains(name), "\(finished)")
            }
            #expect(finished.contains("400/400"), "\(finished)")
            try shell.send("Home", "Space", "Down", "Space", "o")
            let overlay = try shell.waitFor(timeout: 10, "the overlay") { $0.contains("overlay of 2 runs") }
            #expect(overlay.contains("1 wd0_frac0.5_seed0 · 2 wd0_frac0.7_seed0"), "\(overlay)")
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "the table again") { $0.contains("* wd0_frac0.7_seed0") }
            try shell.send("Enter")
            try shell.waitFor(timeout: 20, "the run's dashboard") {
                $0.contains("Loss nats") && $0.contains("step 400/400")
            }
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "back to the table, still finished") {
                $0.contains("sweep finished: 4 done") && !$0.contains("Loss nats")
            }
            try shell.send("q")
            #expect(try shell.waitForExitStatus(timeout: 30) == 0)
            let after = try shell.captureHistory()
            #expect(after.contains("4 finished, 0 already done, 0 interrupted"), "\(after)")
            try shell.assertShellUsable()
        }

        /// Ctrl-C in the table: every running run ends `interrupted` with a checkpoint, the terminal is
        /// restored, the sweep exits 130.
        @Test(EndToEnd.needsTmux) func ctrlCInTheTableStopsEveryRunWithItsEndRecord() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir, width: 160, height: 30)
            try shell.runLine(try Self.command(["--", "--steps", "20000", "--eval-every", "20", "--lmn-every", "0"]))
            // Both runs have logged evaluations (a step shown in each live row), so there is something to save.
            try shell.waitFor(timeout: 120, "two live rows past step 100") { screen in
                let live = screen.split(separator: "\n").filter { $0.contains(" live ") && $0.contains("/20.0k") }
                return screen.contains("sweep: 2 running") && live.count == 2
                    && live.allSatisfy { !$0.contains(" 0/20.0k") }
            }
            try shell.send("C-c")
            #expect(try shell.waitForExitStatus(timeout: 60) == 130)
            let after = try shell.captureHistory()
            #expect(after.contains("2 interrupted, 0 failed, 2 not started"), "\(after)")
            let runs = dir.appendingPathComponent("runs")
            let logs = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix(".ndjson") }
            #expect(logs.count == 2)
            for log in logs {
                let records = try StreamLog.records(runs.appendingPathComponent(log))
                #expect(records.last?["status"] as? String == "interrupted", "\(log)")
                let checkpoint = runs.appendingPathComponent(
                    log.replacingOccurrences(of: ".ndjson", with: ".safetensors"))
                #expect(FileManager.default.fileExists(atPath: checkpoint.path), "\(log)")
            }
            try shell.assertShellUsable()
        }

        /// --exit-when-done: the table closes by itself once every run has ended (no q), exit 0.
        @Test(EndToEnd.needsTmux) func exitWhenDoneLeavesWithoutAKey() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir, width: 160, height: 30)
            try shell.runLine(try Self.command(["--exit-when-done"] + SweepTests.short))
            #expect(try shell.waitForExitStatus(timeout: 240) == 0)
            let after = try shell.captureHistory()
            #expect(after.contains("4 finished, 0 already done"), "\(after)")
        }
    }
}
