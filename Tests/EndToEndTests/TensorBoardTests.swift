import Foundation
import Testing

extension EndToEnd {
    /// TensorBoard event files written by the real writers (Tests/TensorBoardTests/Fixtures) through the
    /// real binary: report, --plain, and the dashboard in tmux.
    @Suite("tensorboard")
    struct TensorBoardTests {
        static var fixtures: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("TensorBoardTests/Fixtures").path
        }

        @Test func reportReadsARunFolderWithPhases() throws {
            let dir = try Binary.scratch()
            let result = try GrokscopeProcess.run(
                ["report", Self.fixtures + "/torch-simple", "--phase-rule", "loose", "--json"], in: dir)
            #expect(result.status == 0, "\(result.transcript)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(json?["t_mem"] as? Int == 40, "\(result.transcript)")
            #expect(json?["t_gen"] as? Int == 350, "\(result.transcript)")
            #expect(json?["evaluations"] as? Int == 50)
        }

        @Test func plainWatchOfALogdirNamesTheRunsAndPrintsEveryStep() throws {
            let dir = try Binary.scratch()
            let result = try GrokscopeProcess.run(
                ["watch", Self.fixtures + "/tbx-runs", "--run", "seed1", "--plain", "--no-follow"], in: dir)
            #expect(result.status == 0, "\(result.transcript)")
            let steps = result.stdout.split(separator: "\n").filter { $0.hasPrefix("step ") }
            #expect(steps.count == 50, "\(result.transcript)")
            let unknown = try GrokscopeProcess.run(
                ["watch", Self.fixtures + "/tbx-runs", "--run", "nope", "--plain", "--no-follow"], in: dir)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("nope"), "\(unknown.transcript)")
            let badMap = try GrokscopeProcess.run(["report", Self.fixtures + "/tbx-runs", "--map", "oops"], in: dir)
            #expect(badMap.status == 2, "\(badMap.transcript)")
        }

        @Test(EndToEnd.needsTmux) func theDashboardShowsATensorBoardRunGeneralizing() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine(
                "\(try Binary.shellPath()) watch \(shellQuote(Self.fixtures + "/torch-simple")) --phase-rule loose")
            let screen = try shell.waitFor(timeout: 30, "the GENERALIZED badge") { $0.contains("GENERALIZED") }
            #expect(screen.contains("torch-simple"), "\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }
    }
}
