import Foundation
import Testing

extension EndToEnd {
    @Suite("interrupt and resume")
    struct InterruptTests {
        /// SIGINT stops a headless run at a step boundary: exit 130, an `end` record saying
        /// interrupted, a checkpoint, and a resume command that finishes the run.
        @Test func sigintThenResumeCompletes() throws {
            let dir = try Binary.scratch()
            let first = try GrokscopeProcess(
                ["train", "--headless", "--log", "run.ndjson"] + FastRun.demo(steps: 2500), in: dir)
            try first.waitForOutput(timeout: 30, "a few progress lines") {
                $0.firstMatch(of: #/step +200/2500/#) != nil
            }
            first.signal(SIGINT)
            let stopped = try first.wait(timeout: 30)
            #expect(stopped.status == 130, "\(stopped.transcript)")
            let resumeLine = try #require(
                stopped.stderr.split(separator: "\n").first { $0.contains("resume with: ") }, "\(stopped.transcript)")
            let interruptedStep = try #require(
                resumeLine.firstMatch(of: #/interrupted at step (\d+)/#).flatMap { Int($0.1) }, "\(resumeLine)")
            #expect(interruptedStep >= 200 && interruptedStep < 2500)

            let log = dir.appendingPathComponent("run.ndjson")
            let records = try StreamLog.records(log)
            #expect(records.last?["type"] as? String == "end")
            #expect(records.last?["status"] as? String == "interrupted")
            #expect(records.last?["step"] as? Int == interruptedStep)
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("run.safetensors").path))

            // Run the printed command as printed (only the program name is swapped for the binary's path).
            let command = resumeLine.components(separatedBy: "resume with: ")[1].split(separator: " ").map(String.init)
            #expect(command.first == "grokscope", "\(resumeLine)")
            let resumed = try GrokscopeProcess.run(Array(command.dropFirst()), in: dir, timeout: 90)
            #expect(resumed.status == 0, "\(resumed.transcript)")
            let firstStep = resumed.stdout.firstMatch(of: #/step +(\d+)/2500/#).flatMap { Int($0.1) }
            // The checkpoint step was evaluated (and logged) before the interruption; the resumed run
            // goes on from there with its next evaluation, so no step is logged twice.
            #expect(
                firstStep.map { $0 > interruptedStep && $0 - interruptedStep <= 20 } == true,
                "resumes after the checkpoint step \(interruptedStep):\n\(resumed.transcript)")
            #expect(resumed.stdout.contains("completed at step 2500"), "\(resumed.transcript)")
            let after = try StreamLog.records(log)
            #expect(after.count > records.count, "the log is appended to, not replaced")
            #expect(after.last?["status"] as? String == "completed")
            #expect(after.last?["step"] as? Int == 2500)
            // The log reads as one run: one header (probe size 32), a `resumed` event at the checkpoint
            // step; the resumed part keeps the stream's cadence and LMN probe size.
            let headers = after.filter { $0["type"] as? String == "header" }
            #expect(headers.count == 1 && headers.allSatisfy { $0["probe_size"] as? Int == 32 }, "\(headers)")
            #expect(after.contains { $0["kind"] as? String == "resumed" && $0["step"] as? Int == interruptedStep })
            #expect(after.filter { $0["type"] as? String == "end" }.count == 1)
            let resumedSteps = after.filter { $0["type"] as? String == "eval" }.compactMap { $0["step"] as? Int }
                .filter { $0 > interruptedStep }
            #expect(!resumedSteps.isEmpty && resumedSteps.allSatisfy { $0 % 20 == 0 }, "eval every 20 after resuming")
            let allSteps = after.filter { $0["type"] as? String == "eval" }.compactMap { $0["step"] as? Int }
            #expect(Set(allSteps).count == allSteps.count, "no evaluation step is logged twice")

            let tMemBefore = stopped.stdout.firstMatch(of: #/t_mem (\d+)/#).flatMap { Int($0.1) }
            let tMemAfter = resumed.stdout.firstMatch(of: #/t_mem (\d+)/#).flatMap { Int($0.1) }
            #expect(tMemBefore != nil, "\(stopped.transcript)")
            // The resumed run's summary covers the whole log, not only the steps since the checkpoint.
            #expect(tMemAfter == tMemBefore, "\(resumed.transcript)")
        }

        @Test func sigtermExits143() throws {
            let dir = try Binary.scratch()
            let run = try GrokscopeProcess(
                ["train", "--headless", "--log", "run.ndjson"] + FastRun.demo(steps: 100_000), in: dir)
            try run.waitForOutput(timeout: 30, "a progress line") { $0.firstMatch(of: #/step +100/#) != nil }
            run.signal(SIGTERM)
            let stopped = try run.wait(timeout: 30)
            #expect(stopped.status == 143, "\(stopped.transcript)")
            #expect(stopped.stderr.contains("resume with:"), "\(stopped.transcript)")
            let records = try StreamLog.records(dir.appendingPathComponent("run.ndjson"))
            #expect(records.last?["status"] as? String == "interrupted")
        }

        /// Ctrl-C in the live dashboard: exit 130 and a terminal back in cooked mode.
        @Test(EndToEnd.needsTmux) func ctrlCInTheDashboardRestoresTheTerminal() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) run " + FastRun.demo(steps: 100_000).joined(separator: " "))
            try shell.waitFor(timeout: 30, "the dashboard") { $0.contains("Accuracy") && $0.contains("MEMORIZED") }
            try shell.send("C-c")
            #expect(try shell.waitForExitStatus() == 130)
            let after = try shell.captureHistory()
            #expect(after.contains("resume with:"), "\(after)")
            try shell.assertShellUsable()
        }
    }
}
