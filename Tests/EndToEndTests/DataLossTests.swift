import Foundation
import Testing

/// Issue 11 §1: nothing the user asked to keep is lost or overwritten silently.
extension EndToEnd {
    @Suite("data loss")
    struct DataLossTests {
        /// A log that cannot be written stops the run at once with a message and exit 1 (it exited 0).
        @Test func unwritableLogStopsTheRunWithExitOne() throws {
            let dir = try Binary.scratch()
            let run = try GrokscopeProcess.run(
                ["train", "--headless", "--log", "/dev/full"] + FastRun.demo(steps: 300), in: dir)
            #expect(run.status == 1, "\(run.transcript)")
            #expect(
                run.stderr.contains("--log: cannot write '/dev/full': No space left on device"), "\(run.transcript)")
            #expect(run.stdout.contains("interrupted at step 0"), "stopped before training: \(run.transcript)")
            // The checkpoint of the stopped run goes to the working directory, not next to /dev/full.
            #expect(!FileManager.default.fileExists(atPath: "/dev/full.safetensors"))
        }

        /// The same run with a writable log completes with exit 0 (the negative case).
        @Test func writableLogCompletes() throws {
            let dir = try Binary.scratch()
            let run = try GrokscopeProcess.run(
                ["train", "--headless", "--log", "ok.ndjson"] + FastRun.demo(steps: 40), in: dir)
            #expect(run.status == 0, "\(run.transcript)")
            let log = try String(contentsOf: dir.appendingPathComponent("ok.ndjson"), encoding: .utf8)
            #expect(log.hasSuffix("\n") && log.contains("\"type\":\"end\""))
        }

        /// A checkpoint is replaced by rename, so it must be a regular file. (A FIFO in the scratch
        /// directory stands for /dev/full: a regression must not replace a device node.)
        @Test func checkpointOnASpecialFileIsRefusedBeforeTraining() throws {
            let dir = try Binary.scratch()
            #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o600) == 0)
            let run = try GrokscopeProcess.run(
                ["train", "--headless", "--checkpoint", "fifo"] + FastRun.demo(steps: 20), in: dir)
            #expect(run.status == 2, "\(run.transcript)")
            #expect(run.stderr.contains("--checkpoint 'fifo' is not a regular file"), "\(run.transcript)")
        }

        @Test(arguments: [
            (
                ["train", "--headless", "--log", "x", "--checkpoint", "x"],
                "--log and --checkpoint name the same file 'x'"
            ),
            (
                ["train", "--headless", "--log", "x", "--checkpoint", "./x"],
                "--log and --checkpoint name the same file"
            ),
            (["report", "r.ndjson", "--csv", "r.ndjson"], "the input and --csv name the same file 'r.ndjson'"),
            (["report", "r.ndjson", "--csv", "o", "--svg", "o"], "--svg and --csv name the same file 'o'"),
        ])
        func pathCollisionsAreUsageErrors(arguments: [String], message: String) throws {
            let dir = try Binary.scratch()
            let input = dir.appendingPathComponent("r.ndjson")
            try Data("not a stream\n".utf8).write(to: input)
            let run = try GrokscopeProcess.run(
                arguments + (arguments[0] == "train" ? FastRun.demo(steps: 20) : []), in: dir)
            #expect(run.status == 2, "\(run.transcript)")
            #expect(run.stderr.contains(message), "\(run.transcript)")
            #expect(try String(contentsOf: input, encoding: .utf8) == "not a stream\n", "the input is untouched")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x").path))
        }

        /// `--csv /dev/fd/1` writes to standard output (a rename replaced /dev/stdout before; /dev/fd/1 is
        /// used here because a regression cannot replace it);
        /// a symlink to a file is followed: the target gets the CSV, the link stays a link.
        @Test func reportWritesThroughDevicesAndFollowsSymlinks() throws {
            let dir = try Binary.scratch()
            let stream = HostileInputTests.stream(steps: (0..<30).map { "\($0 * 10)" })
            try Data(stream.utf8).write(to: dir.appendingPathComponent("r.ndjson"))
            let toStdout = try GrokscopeProcess.run(["report", "r.ndjson", "--csv", "/dev/fd/1"], in: dir)
            #expect(toStdout.status == 0, "\(toStdout.transcript)")
            #expect(toStdout.stdout.contains("\nstep,time,"), "\(toStdout.transcript)")
            let dash = try GrokscopeProcess.run(["report", "r.ndjson", "--csv", "-"], in: dir)
            #expect(dash.stdout.hasSuffix("\n") && dash.stdout.contains("\nstep,time,"), "summary first, then CSV")

            let fm = FileManager.default
            try fm.createSymbolicLink(
                atPath: dir.appendingPathComponent("link.csv").path, withDestinationPath: "target.csv")
            try Data("old\n".utf8).write(to: dir.appendingPathComponent("target.csv"))
            let linked = try GrokscopeProcess.run(["report", "r.ndjson", "--csv", "link.csv"], in: dir)
            #expect(linked.status == 0, "\(linked.transcript)")
            #expect(
                try fm.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.csv").path) == "target.csv")
            let target = try String(contentsOf: dir.appendingPathComponent("target.csv"), encoding: .utf8)
            #expect(target.hasPrefix("step,time,"))
        }

        /// A killed run resumed with the same log: one header, a `resumed` event, no step twice, the
        /// run's name kept. (The records after the checkpoint are appended by hand, as a kill -9 leaves.)
        @Test func resumeTrimsTheLogToTheCheckpoint() throws {
            let dir = try Binary.scratch()
            let first = try GrokscopeProcess.run(
                [
                    "train", "--headless", "--log", "run.ndjson", "--checkpoint", "c.safetensors", "--name", "my run",
                    "--preset", "paper-xor", "--steps", "60", "--eval-every", "10", "--lmn-every", "0",
                ], in: dir)
            #expect(first.status == 0, "\(first.transcript)")
            let log = dir.appendingPathComponent("run.ndjson")
            var text = try String(contentsOf: log, encoding: .utf8)
            for step in stride(from: 70, through: 120, by: 10) {
                text += "{\"type\":\"eval\",\"step\":\(step),\"time\":1,\"train_loss\":1}\n"
            }
            try Data(text.utf8).write(to: log)
            let resumed = try GrokscopeProcess.run(
                [
                    "run", "--headless", "--resume", "c.safetensors", "--steps", "90", "--log", "run.ndjson",
                    "--eval-every", "10", "--lmn-every", "0", "--lr", "0.5",
                ], in: dir)
            #expect(resumed.status == 0, "\(resumed.transcript)")
            #expect(resumed.stderr.contains("ignored: --lr 0.5 (the checkpoint has"), "\(resumed.transcript)")
            let records = try StreamLog.records(log)
            #expect(records.filter { $0["type"] as? String == "header" }.count == 1)
            #expect(records.first?["name"] as? String == "my run")
            #expect(records.contains { $0["kind"] as? String == "resumed" && $0["step"] as? Int == 60 })
            let steps = records.filter { $0["type"] as? String == "eval" }.compactMap { $0["step"] as? Int }
            #expect(steps == Array(stride(from: 0, through: 90, by: 10)), "\(steps)")
            #expect(records.filter { $0["type"] as? String == "end" }.count == 1)

            // Resumed into a new log: the header names the checkpoint's preset, not the default "demo".
            let fresh = try GrokscopeProcess.run(
                [
                    "run", "--headless", "--resume", "c.safetensors", "--steps", "100", "--log", "new.ndjson",
                    "--eval-every", "10", "--lmn-every", "0",
                ], in: dir)
            #expect(fresh.status == 0, "\(fresh.transcript)")
            let header = try StreamLog.records(dir.appendingPathComponent("new.ndjson")).first
            #expect(
                (header?["settings"] as? [String: Any])?["preset"] as? String == "paper-xor",
                "\(String(describing: header))")
            #expect(header?["name"] as? String == "paper-xor")
        }

        /// The printed resume hint can be pasted: names with spaces are quoted.
        @Test func resumeHintIsShellQuoted() throws {
            let dir = try Binary.scratch()
            let process = try GrokscopeProcess(
                ["train", "--headless", "--name", "my run", "--log", "my log.ndjson"] + FastRun.demo(steps: 100_000),
                in: dir)
            try process.waitForOutput(timeout: 60, "the first progress line") { $0.contains("step") }
            process.signal(SIGINT)
            let run = try process.wait(timeout: 60)
            #expect(run.stderr.contains("--resume 'my log.safetensors'"), "\(run.transcript)")
            #expect(run.stderr.contains("--log 'my log.ndjson'") && run.stderr.contains("--name 'my run'"))
        }

        /// An oversized line in mid-file is skipped and reported; the records after it are printed (a
        /// line longer than two 16 MiB polls ended the output at it before).
        @Test func plainNoFollowSkipsAnOversizedLine() throws {
            let dir = try Binary.scratch()
            var text = "{\"type\":\"header\",\"format\":\"grokscope/1\",\"name\":\"big\"}\n"
            for step in 0..<6 { text += "{\"type\":\"eval\",\"step\":\(step),\"train_loss\":1}\n" }
            text += "{\"type\":\"eval\",\"step\":6,\"pad\":\"" + String(repeating: "x", count: 40 << 20) + "\"}\n"
            for step in 7..<16 { text += "{\"type\":\"eval\",\"step\":\(step),\"train_loss\":1}\n" }
            try Data(text.utf8).write(to: dir.appendingPathComponent("big.ndjson"))
            let run = try GrokscopeProcess.run(["watch", "--plain", "--no-follow", "big.ndjson"], in: dir)
            #expect(run.status == 0, "\(run.transcript)")
            #expect(run.stdout.contains("step 15/"), "\(run.transcript)")
            #expect(run.stderr.contains("longer than the limit"), "\(run.transcript)")
        }
    }
}
