import Foundation
import Testing

extension EndToEnd {
    @Suite("runs table")
    struct RunsTableTests {
        /// `watch DIR` while a 2×2 sweep writes into DIR: rows appear and fill to done, two marked runs
        /// overlay, Enter opens a run's dashboard, Esc returns to the table, q quits cleanly.
        @Test(EndToEnd.needsTmux) func tableFillsWhileASweepRunsOpensARunAndQuits() throws {
            let dir = try Binary.scratch()
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("runs"), withIntermediateDirectories: true)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) watch runs")
            let empty = try shell.waitFor("grokscope runs runs")
            #expect(empty.contains("0 runs") && empty.contains("no *.ndjson streams yet"), "\(empty)")

            let sweep = try GrokscopeProcess(SweepTests.grid + ["--jobs", "2"] + SweepTests.short, in: dir)
            defer { sweep.stop() }
            let filled = try shell.waitFor(timeout: 240, "four finished rows") {
                $0.contains("4 runs: 0 live 0 stale 4 done")
            }
            for name in ["wd0_frac0.5_seed0", "wd0_frac0.7_seed0", "wd1_frac0.5_seed0", "wd1_frac0.7_seed0"] {
                #expect(filled.contains(name), "\(filled)")
            }
            #expect(filled.contains("120/120"), "\(filled)")
            #expect(try sweep.wait(timeout: 60).status == 0)

            // Sort by the next column (status) and back, filter to one run, open it.
            try shell.send(">")
            try shell.waitFor("status▲")
            try shell.send("<")
            // Mark two runs and overlay them on shared axes; Esc returns to the table.
            try shell.send("Home", "Space", "Down", "Space", "o")
            let overlay = try shell.waitFor(timeout: 10, "the overlay") { $0.contains("overlay of 2 runs") }
            #expect(overlay.contains("1 wd0_frac0.5_seed0 · 2 wd0_frac0.7_seed0"), "\(overlay)")
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "the table again") { $0.contains("* wd0_frac0.7_seed0") }
            // The phase diagram of the 2×2 grid: every point finished (1 seed each).
            try shell.send("p")
            let diagram = try shell.waitFor(timeout: 10, "the phase diagram") { $0.contains("phase diagram runs") }
            #expect(diagram.contains("weight-decay (x) × train-fraction (y)"), "\(diagram)")
            #expect(diagram.components(separatedBy: " 1/1").count - 1 == 4, "\(diagram)")
            // The cell cursor: right, up → wd 1, frac 0.7, its run listed; Enter shows only that run.
            try shell.send("Right", "Up")
            try shell.waitFor(timeout: 10, "the cursor cell's runs") {
                $0.contains("weight-decay=1 train-fraction=0.7: 1 runs, 1 finished")
                    && $0.contains("  wd1_frac0.7_seed0")
            }
            try shell.send("Enter")
            let cell = try shell.waitFor(timeout: 10, "the table limited to the cell") {
                $0.contains("cell weight-decay=1 train-fraction=0.7") && !$0.contains("wd0_frac0.5_seed0")
            }
            #expect(cell.contains("wd1_frac0.7_seed0"), "\(cell)")
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "the table after the diagram") {
                $0.contains("grokscope runs runs") && $0.contains("wd0_frac0.5_seed0")
            }
            try shell.send("/")
            try shell.type("wd1_frac0.7")
            try shell.send("Enter")
            let filtered = try shell.waitFor(timeout: 10, "the filter to apply") {
                $0.contains("filter \"wd1_frac0.7\"") && !$0.contains("wd0_frac0.5_seed0")
            }
            #expect(filtered.contains("wd1_frac0.7_seed0"), "\(filtered)")
            try shell.send("Enter")
            let dashboard = try shell.waitFor(timeout: 20, "the run's dashboard") {
                $0.contains("Loss nats") && $0.contains("step 120/120")
            }
            #expect(!dashboard.contains("grokscope runs"), "\(dashboard)")
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "back to the table") {
                $0.contains("grokscope runs runs") && !$0.contains("Loss nats")
            }
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        /// `watch --plain DIR`: one line per run, read once, then exit.
        @Test func plainWatchOfAFolderPrintsOneLinePerRun() throws {
            let dir = try Binary.scratch()
            let runs = dir.appendingPathComponent("runs")
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            _ = try GrokkedRecording.copy(into: runs, as: "a.ndjson")
            _ = try GrokkedRecording.copy(into: runs, as: "b.ndjson")
            let run = try GrokscopeProcess.run(["watch", "--plain", "runs"], in: dir, timeout: 30)
            #expect(run.status == 0, "\(run.transcript)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 3, "\(run.transcript)")
            #expect(
                lines.dropFirst().allSatisfy { $0.contains("\tdone\tgeneralized\t2800\t200\t2000\t") },
                "\(run.transcript)")
        }

        /// `report DIR --csv`: one row per run; `--svg` needs a sweep.json (refused without one, suggesting
        /// --csv), and with one writes the phase diagram.
        @Test func reportOfAFolderWritesOneCSVRowPerRun() throws {
            let dir = try Binary.scratch()
            let runs = dir.appendingPathComponent("runs")
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            _ = try GrokkedRecording.copy(into: runs, as: "a.ndjson")
            _ = try GrokkedRecording.copy(into: runs, as: "b.ndjson")
            let run = try GrokscopeProcess.run(["report", "runs", "--csv", "runs.csv"], in: dir, timeout: 30)
            #expect(run.status == 0, "\(run.transcript)")
            let csv = try String(contentsOf: dir.appendingPathComponent("runs.csv"), encoding: .utf8)
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 3, "\(csv)")
            #expect(lines[0].hasPrefix("name,status,outcome,phase,step,total_steps,t_mem,t_gen,delay"), "\(csv)")
            #expect(lines[1].hasPrefix("a,done,grokked,generalized,2800,2800,200,2000,1800,"), "\(csv)")
            let refused = try GrokscopeProcess.run(["report", "runs", "--svg", "x.svg"], in: dir, timeout: 30)
            #expect(
                refused.status != 0 && refused.stderr.contains("no sweep.json") && refused.stderr.contains("--csv"),
                "\(refused.transcript)")
            let manifest =
                #"{"grid":[{"option":"lr","values":["1","2"]}],"runs":["#
                + #"{"name":"a","seed":0,"settings":{"lr":"1"}},{"name":"b","seed":0,"settings":{"lr":"2"}}]}"#
            try Data(manifest.utf8).write(to: runs.appendingPathComponent("sweep.json"))
            let drawn = try GrokscopeProcess.run(["report", "runs", "--svg", "x.svg"], in: dir, timeout: 30)
            #expect(drawn.status == 0, "\(drawn.transcript)")
            let svg = try String(contentsOf: dir.appendingPathComponent("x.svg"), encoding: .utf8)
            #expect(svg.components(separatedBy: "class=\"cell\" data-outcome=\"grokked\"").count == 3, "\(svg)")
        }
    }
}
