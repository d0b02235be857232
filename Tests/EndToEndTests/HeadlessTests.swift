import Foundation
import Testing

extension EndToEnd {
    @Suite("headless runs and usage errors")
    struct HeadlessTests {
        @Test func headlessRunPrintsProgressAndWritesTheLog() throws {
            let dir = try Binary.scratch()
            let run = try GrokscopeProcess.run(
                ["train", "--headless", "--log", "run.ndjson"] + FastRun.demo(steps: 600), in: dir)
            #expect(run.status == 0, "\(run.transcript)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("step") }.count == 31, "one line per evaluation:\n\(run.transcript)")
            #expect(run.stdout.firstMatch(of: #/step +600/600 +loss [0-9.]+/[0-9.]+ +acc/#) != nil, "\(run.transcript)")
            #expect(run.stdout.contains("completed at step 600: t_mem "), "summary:\n\(run.transcript)")
            #expect(run.stdout.contains("final: loss"), "summary:\n\(run.transcript)")

            let records = try StreamLog.records(dir.appendingPathComponent("run.ndjson"))
            #expect(records.first?["type"] as? String == "header")
            #expect(records.first?["probe_size"] as? Int == 32)
            #expect(records.filter { $0["type"] as? String == "eval" }.count == 31)
            #expect(records.last?["type"] as? String == "end")
            #expect(records.last?["status"] as? String == "completed")
        }

        static let badOptions: [(arguments: [String], names: String)] = [
            (["--preset", "nosuch"], "--preset"),
            (["--train-fraction", "1.5"], "train-fraction"),
            (["--steps", "100", "--log", "/nonexistent-dir/x.ndjson"], "--log"),
            (["--resume", "corrupt.safetensors"], "--resume"),
            (["--resume", "corrupt.safetensors", "--steps", "100"], "--resume"),
        ]

        /// Bad options: exit 2, a message whose first line names the option, and no log file left behind.
        @Test(arguments: badOptions)
        func badOptionIsAUsageError(arguments: [String], names option: String) throws {
            let dir = try Binary.scratch()
            try Data("not a checkpoint at all".utf8).write(to: dir.appendingPathComponent("corrupt.safetensors"))
            let log = arguments.contains("--log") ? nil : "bad.ndjson"
            let run = try GrokscopeProcess.run(
                ["train", "--headless"] + arguments + (log.map { ["--log", $0] } ?? []), in: dir)
            #expect(run.status == 2, "\(run.transcript)")
            let firstLine = run.stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine.contains(option), "first line names \(option):\n\(run.transcript)")
            #expect(run.stderr.split(separator: "\n").count <= 3, "a short message, no trace:\n\(run.transcript)")
            #expect(!run.stdout.contains("step"), "no training happened:\n\(run.transcript)")
            if let log {
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(log).path))
            }
        }

        /// Negative control for the usage-error test: the same command with a good option succeeds.
        @Test func goodOptionsAreNotUsageErrors() throws {
            let run = try GrokscopeProcess.run(
                ["train", "--headless", "--train-fraction", "0.5"] + FastRun.demo(steps: 20), in: try Binary.scratch())
            #expect(run.status == 0, "\(run.transcript)")
        }
    }
}
