import Foundation
import Testing

extension EndToEnd {
    @Suite("replay", EndToEnd.needsTmux)
    struct ReplayTests {
        @Test func fastReplayReachesTheEnd() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) replay grokked.ndjson --speed 100")
            let end = try shell.waitFor(timeout: 60, "the replay to reach the end") {
                $0.contains("GENERALIZED") && $0.contains("step 2800/2800")
            }
            #expect(end.contains("replay 100×"), "replay mark in the header:\n\(end)")
            #expect(end.firstMatch(of: #/t_gen +step \d+/#) != nil, "\(end)")
            try shell.send("Space")
            try shell.waitFor("replay paused")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        /// `--duration` plays the whole recording in that wall time; the header's ETA is the playback's.
        @Test func durationPlaysTheWholeRunInTheGivenTime() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            let started = Date()
            try shell.runLine("\(try Binary.shellPath()) replay grokked.ndjson --duration 4s --exit-on-finish")
            let early = try shell.waitFor(timeout: 20, "the replay to start") { $0.contains("ETA") }
            let eta = early.firstMatch(of: #/ETA (\d+)s/#).flatMap { Int($0.1) }
            #expect(eta.map { $0 <= 4 } == true, "ETA of the playback, at most 4 s:\n\(early)")
            #expect(try shell.waitForExitStatus(timeout: 30) == 0)
            // Generous upper bound (loaded machine); the lower bound shows the pacing is not --speed 10's.
            let elapsed = Date().timeIntervalSince(started)
            #expect(elapsed >= 3.5, "played in \(elapsed) s")
        }

        /// At 1× the replay is slow enough to pause, step, change speed and jump to a phase boundary.
        @Test func pauseSpeedAndPhaseJump() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) replay grokked.ndjson --speed 1")
            try shell.waitFor(timeout: 20, "the replay to start") { $0.contains("replay 1×") && $0.contains("step") }
            try shell.send("Space")
            let paused = try shell.waitFor("replay paused 1×")
            Thread.sleep(forTimeInterval: 1)
            let stillPaused = try shell.capture()
            #expect(headerStep(paused) == headerStep(stillPaused), "paused replay does not advance:\n\(stillPaused)")
            try shell.send("]")
            try shell.waitFor("replay speed 2×")
            try shell.send("j")
            // The first boundary is t_mem (step 200 in this recording); the replay stops, paused, where
            // its window is confirmed, so the badge already says MEMORIZED (compression is not yet shown:
            // docs/phases.md).
            let jumped = try shell.waitFor("phase boundary at step")
            let match = jumped.firstMatch(of: #/phase boundary at step (\d+), confirmed at (\d+)/#)
            #expect(match.flatMap { Int($0.1) } == 200, "\(jumped)")
            let confirmed = match.flatMap { Int($0.2) }
            #expect(confirmed.map { $0 > 200 } == true, "\(jumped)")
            #expect(headerStep(jumped) == confirmed, "the header shows the confirming step:\n\(jumped)")
            #expect(jumped.contains("MEMORIZED"), "\(jumped)")
            #expect(jumped.contains("replay paused"), "\(jumped)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        private func headerStep(_ screen: String) -> Int? {
            screen.firstMatch(of: #/step (\d+)/2800/#).flatMap { Int($0.1) }
        }
    }
}
