import Foundation
import Testing

/// Issue 11 §2 and §4: numbers nobody bounded, special files, and the messages about them.
extension EndToEnd {
    @Suite("hostile input")
    struct HostileInputTests {
        static func stream(steps: [String]) -> String {
            var text = "{\"type\":\"header\",\"format\":\"grokscope/1\",\"name\":\"n\",\"total_steps\":100}\n"
            for step in steps { text += "{\"type\":\"eval\",\"step\":\(step),\"train_loss\":1,\"test_loss\":2}\n" }
            return text
        }

        /// Steps of 2^60 and −2^63 (a nanosecond clock as step) crashed watch and replay (SIGILL).
        @Test func hugeStepsAreSkippedNotFatal() throws {
            let dir = try Binary.scratch()
            let text = Self.stream(steps: ["0", "10", "1152921504606846976", "-9223372036854775808", "20"])
            try Data(text.utf8).write(to: dir.appendingPathComponent("huge.ndjson"))
            let watch = try GrokscopeProcess.run(["watch", "--plain", "--no-follow", "huge.ndjson"], in: dir)
            #expect(watch.status == 0, "\(watch.transcript)")
            #expect(
                watch.stdout.contains("step  20/100") || watch.stdout.contains("step 20/100"), "\(watch.transcript)")
            #expect(watch.stderr.contains("outside ±2^53"), "\(watch.transcript)")
            let report = try GrokscopeProcess.run(["report", "huge.ndjson", "--csv", "out.csv"], in: dir)
            #expect(report.status == 0, "\(report.transcript)")
        }

        @Test func hugeFormatVersionIsRefusedAsUnknown() throws {
            let dir = try Binary.scratch()
            let text = "{\"type\":\"header\",\"format\":\"grokscope/99999999999999999999\"}\n{\"step\":1,\"x\":1}\n"
            try Data(text.utf8).write(to: dir.appendingPathComponent("v.ndjson"))
            let run = try GrokscopeProcess.run(["watch", "--plain", "--no-follow", "v.ndjson"], in: dir)
            #expect(run.status == 1, "\(run.transcript)")
            #expect(run.stderr.contains("Upgrade grokscope"), "\(run.transcript)")
        }

        /// 2 000 distinct metric names: kept to the documented 256, the rest counted and reported.
        @Test func distinctMetricNamesAreCapped() throws {
            let dir = try Binary.scratch()
            var text = Self.stream(steps: ["0"])
            for i in 0..<2_000 { text += "{\"type\":\"eval\",\"step\":\(i + 1),\"m\(i)\":1}\n" }
            try Data(text.utf8).write(to: dir.appendingPathComponent("names.ndjson"))
            let run = try GrokscopeProcess.run(["report", "names.ndjson", "--csv", "out.csv"], in: dir, timeout: 60)
            #expect(run.status == 0, "\(run.transcript)")
            #expect(run.stderr.contains("metric names beyond the first 256 dropped"), "\(run.transcript)")
            let header =
                try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
                .split(separator: "\n").first ?? ""
            #expect(header.split(separator: ",").count == 2 + 256, "step, time and 256 series")
        }

        @Test(arguments: [
            (
                ["--hidden", "9223372036854775807"],
                "option 'hidden' has a width of 9223372036854775807; the limit is 65536"
            ),
            (["--embedding-dim", "1000000000"], "option 'embedding-dim' is 1000000000; the limit is 65536"),
            (["--preset", "paper-add", "-p", "4096"], "option 'modulus' needs about"),
            // XOR (the demo) and S4 have a fixed size: -p was silently ignored and mislabelled the run.
            (["-p", "97"], "-p/--modulus 97 does not apply to the task 'xor'"),
            (["--task", "s4", "--modulus", "7"], "-p/--modulus 7 does not apply to the task 's4'"),
            (["--steps", "-5"], "--steps is -5; it must be positive"),
            (["--lr", "-1"], "option 'lr'"),
            (["--eval-every", "-3"], "--eval-every must be at least 1"),
        ])
        func unboundedSizesAreUsageErrors(arguments: [String], message: String) throws {
            let dir = try Binary.scratch()
            let run = try GrokscopeProcess.run(["train", "--headless"] + arguments, in: dir)
            #expect(run.status == 2, "\(run.transcript)")
            #expect(run.stderr.contains(message), "\(run.transcript)")
            #expect(!run.stderr.contains("Missing value"), "\(run.transcript)")
        }

        /// `--dump-lmn-matrix FILE` printed a raw NSError; now the option and the fix.
        @Test func dumpLmnMatrixIntoAFileNamesTheOption() throws {
            let dir = try Binary.scratch()
            try Data("x".utf8).write(to: dir.appendingPathComponent("afile"))
            for path in ["afile", "afile/sub"] {
                let run = try GrokscopeProcess.run(
                    ["train", "--headless", "--dump-lmn-matrix", path] + FastRun.demo(steps: 20), in: dir)
                #expect(run.status == 2, "\(run.transcript)")
                #expect(run.stderr.hasPrefix("grokscope: --dump-lmn-matrix"), "\(run.transcript)")
                #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("Error Domain"))
            }
        }

        /// A typo in CI must not hang: --no-follow fails at once on a missing file, and says what a
        /// directory, a FIFO or a CR-only file is.
        @Test func specialFilesAreNamed() throws {
            let dir = try Binary.scratch()
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("d"), withIntermediateDirectories: true)
            #expect(mkfifo(dir.appendingPathComponent("f").path, 0o600) == 0)
            try Data("{\"type\":\"header\",\"format\":\"grokscope/1\"}\r{\"step\":1}\r".utf8)
                .write(to: dir.appendingPathComponent("cr.ndjson"))
            for (file, message) in [
                ("missing.ndjson", "'missing.ndjson' does not exist"), ("d", "'d' is a directory with no *.ndjson streams"),
                ("f", "'f' is a FIFO"), ("cr.ndjson", "form no complete line"),
            ] {
                let run = try GrokscopeProcess.run(["watch", "--plain", "--no-follow", file], in: dir, timeout: 20)
                #expect(run.status == 1, "\(file): \(run.transcript)")
                #expect(run.stderr.contains(message), "\(file): \(run.transcript)")
            }
        }
    }
}

extension EndToEnd {
    @Suite("theme errors")
    struct ThemeErrorTests {
        /// A theme that cannot be used is reported once ("using the default theme" was said twice in the
        /// status bar) and again on stderr after the terminal is restored, where it stays readable.
        @Test(EndToEnd.needsTmux) func themeErrorIsShownAfterTheTerminalIsRestored() throws {
            let dir = try Binary.scratch()
            let stream =
                HostileInputTests.stream(steps: ["0", "10"])
                + "{\"type\":\"end\",\"step\":10,\"status\":\"completed\"}\n"
            try Data(stream.utf8).write(to: dir.appendingPathComponent("r.ndjson"))
            try Data(("# " + String(repeating: "x", count: 100 << 10) + "\n").utf8)
                .write(to: dir.appendingPathComponent("big.yaml"))
            let shell = try TmuxSession.shell(in: dir, width: 200)
            try shell.runLine("\(try Binary.shellPath()) watch r.ndjson --theme big.yaml")
            let screen = try shell.waitFor("limited to 64 KiB")
            #expect(screen.components(separatedBy: "using the default theme").count == 2, "\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
            let after = try shell.captureHistory()
            #expect(
                after.contains("grokscope: theme big.yaml: is 102403 bytes; theme files are limited to 64 KiB"),
                "\(after)")
        }
    }
}
