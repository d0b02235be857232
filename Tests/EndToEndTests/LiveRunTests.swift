import Foundation
import Testing

extension EndToEnd {
    @Suite("live run", EndToEnd.needsTmux)
    struct LiveRunTests {
        /// The default command (no subcommand) trains live: header, the four charts, the phase badge
        /// going MEMORIZING → COMPRESSING → GENERALIZED (compression confirmed at step 1000 in this
        /// recording, after a MEMORIZED stretch), t_mem/t_gen marked; `q` exits 0 and the shell works.
        @Test func liveRunShowsAllThreePhasesAndQuitsCleanly() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) --name e2e-live " + FastRun.grokking.joined(separator: " "))

            // Poll quickly: memorization lasts well under a second at these settings.
            var badges: [String] = []
            let finalScreen = try shell.waitFor(timeout: 90, "the run to generalize and complete", interval: 0.05) {
                screen in
                let header = screen.split(separator: "\n").first.map(String.init) ?? ""
                for badge in ["MEMORIZING", "COMPRESSING", "GENERALIZED"] where header.contains(badge) {
                    if badges.last != badge { badges.append(badge) }
                }
                return header.contains("GENERALIZED") && header.contains("completed")
            }
            // In order, and through compression to generalization. Memorization lasts ~0.3 s on a quiet
            // machine, less than the binary takes to draw its first frames, so its badge may never be on
            // screen; the memorization band, its legend entry and the t_mem event below show it was passed.
            let order = ["MEMORIZING", "COMPRESSING", "GENERALIZED"]
            #expect(order.filter(badges.contains) == badges, "badges out of order: \(badges)\n\(finalScreen)")
            #expect(Array(badges.suffix(2)) == ["COMPRESSING", "GENERALIZED"], "badges seen: \(badges)\n\(finalScreen)")
            #expect(finalScreen.contains("M memorization"), "memorization in the phase legend:\n\(finalScreen)")

            let header = String(finalScreen.split(separator: "\n").first ?? "")
            #expect(header.contains("e2e-live"), "run name in the header:\n\(finalScreen)")
            #expect(header.contains("step 2800/2800"), "step/total in the header:\n\(finalScreen)")
            #expect(header.contains("5-bit XOR"), "task in the header:\n\(finalScreen)")
            for title in ["Loss", "Accuracy", "LMN N=32", "L2 norm"] {
                #expect(finalScreen.contains(title), "chart title \(title):\n\(finalScreen)")
            }
            #expect(finalScreen.contains("▏t_gen"), "t_gen marker on the charts:\n\(finalScreen)")
            #expect(finalScreen.firstMatch(of: #/t_mem +step \d+/#) != nil, "t_mem event:\n\(finalScreen)")
            #expect(finalScreen.firstMatch(of: #/t_gen +step \d+/#) != nil, "t_gen event:\n\(finalScreen)")
            #expect(finalScreen.contains("G generalization"), "phase legend:\n\(finalScreen)")

            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
            let after = try shell.captureHistory()
            #expect(after.contains("completed at step 2800"), "summary printed after the dashboard:\n\(after)")
            try shell.assertShellUsable()
        }
    }
}
