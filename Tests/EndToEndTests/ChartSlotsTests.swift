import Foundation
import Testing

extension EndToEnd {
    /// `--charts` puts any series of the stream in a chart slot; `g` changes the focused slot.
    @Suite("chart slots", EndToEnd.needsTmux)
    struct ChartSlotsTests {
        /// The lr chart: its title followed by its legend entry (the legend names the series too).
        static func showsLRChart(_ screen: String) -> Bool { screen.contains(#/(^|[ ▸])lr \Slr /#) }

        @Test func chartsOptionShowsAnySeriesAndGCyclesTheFocusedSlot() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine(
                "\(try Binary.shellPath()) replay grokked.ndjson --speed 100 --charts loss,accuracy,lmn,lr")
            let start = try shell.waitFor(timeout: 60, "the replay to end with an lr chart") {
                $0.contains("step 2800/2800") && Self.showsLRChart($0)
            }
            #expect(!start.contains("L2 norm"), "lr took the L2 slot:\n\(start)")
            #expect(start.contains("Loss") && start.contains("Accuracy") && start.contains("LMN"), "\(start)")

            // Focus the fourth slot (Tab ×3): its title is marked; g shows the next chart there. lr is
            // the last series this recording carries, so the cycle wraps to the loss panel.
            try shell.send("Tab", "Tab", "Tab")
            try shell.waitFor(timeout: 10, "the lr chart focused") { $0.contains("▸lr ") }
            try shell.send("g")
            let cycled = try shell.waitFor(timeout: 10, "the slot to change") {
                !Self.showsLRChart($0) && $0.contains("▸Loss")
            }
            #expect(cycled.components(separatedBy: "Loss nats").count == 3, "two loss charts now:\n\(cycled)")
            try shell.send("g")
            try shell.waitFor(timeout: 10, "the next built-in panel") { $0.contains("▸Accuracy") }
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
            try shell.assertShellUsable()
        }

        /// A series the stream does not carry gets an empty chart that says what it waits for.
        @Test func anAbsentSeriesWaits() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) replay grokked.ndjson --speed 100 --charts loss,grad_norm")
            let screen = try shell.waitFor(timeout: 60, "the waiting chart") {
                $0.contains("step 2800/2800") && $0.contains("waiting for grad_norm")
            }
            #expect(!screen.contains("Accuracy"), "only the two chosen charts:\n\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }
    }
}
