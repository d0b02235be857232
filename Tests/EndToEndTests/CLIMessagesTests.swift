import Foundation
import Testing

/// Runs the binary to completion; returns its exit status and standard error.
func runBinary(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binary.path)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Golden error messages: every usage error exits 2 with one line naming the option and the fix.
@Suite(.serialized) struct CLIMessagesTests {
    static let cases: [(arguments: [String], firstLine: String)] = [
        (
            ["run", "--preset", "nope"],
            "grokscope: The value 'nope' is invalid for '--preset <preset>'. Please provide one of 'paper-add', 'paper-s4', 'paper-xor' or 'demo'. (see 'grokscope run --help')"
        ),
        (
            // More than four values: argument-parser lists them one per line; the message keeps them on one.
            ["run", "--task", "nope"],
            "grokscope: The value 'nope' is invalid for '--task <task>'. Please provide one of 'add', 'subtract', 'multiply', 'divide', 'quadratic', 's4', 'xor'. (see 'grokscope run --help')"
        ),
        (
            ["run", "--fsync", "sometimes"],
            "grokscope: The value 'sometimes' is invalid for '--fsync <fsync>'. Please provide one of 'never', 'record' or 'end'. (see 'grokscope run --help')"
        ),
        (
            ["run", "--train-fraction", "1.5", "--headless"],
            "grokscope: option 'train-fraction' is 1.5; it must lie strictly between 0 and 1: use e.g. 0.8 (80% train, 20% test)"
        ),
        (
            ["run", "--task", "divide", "-p", "32", "--headless"],
            "grokscope: option 'modulus' is 32, not prime; division mod p needs every b ≠ 0 invertible: use a prime modulus such as 31, 59 or 97"
        ),
        (
            ["run", "--colors", "weird"],
            "grokscope: --colors 'weird' is unknown; use auto, truecolor, 256, 16 or mono (see 'grokscope run --help')"
        ),
        (
            ["replay", "x.ndjson", "--speed", "5000"],
            "grokscope: --speed 5000.0 is out of range; use 1 to 1000 (see 'grokscope replay --help')"
        ),
        (
            ["replay", "x.ndjson", "--duration", "1m1m"],
            "grokscope: --duration '1m1m': units must appear once each, in the order h, m, s; write e.g. 60s, 2m, 1m30s or 90 (seconds) (see 'grokscope replay --help')"
        ),
        (
            ["replay", "x.ndjson", "--speed", "5", "--duration", "60s"],
            "grokscope: use either --speed or --duration, not both (see 'grokscope replay --help')"
        ),
        (
            ["report", "x.ndjson", "--slide"],
            "grokscope: --slide shapes the SVG figure; add --svg FILE (see 'grokscope report --help')"
        ),
        (
            ["report", "/nonexistent/run.ndjson"],
            "grokscope: cannot open for reading '/nonexistent/run.ndjson': No such file or directory. Check the path, or wait for the writer."
        ),
        (
            ["run", "--headless", "--steps", "5", "--log", "/nonexistent/dir/run.ndjson"],
            "grokscope: --log: cannot open for writing '/nonexistent/dir/run.ndjson': No such file or directory. Create the directory first or choose another path."
        ),
        (
            ["replay", "x.ndjson", "--charts", "loss,lr,lmn,l2,accuracy"],
            "grokscope: --charts names 5 charts but the dashboard has 4 slots; give 1–4 comma-separated names, e.g. loss,accuracy,lmn,grad_norm (see 'grokscope replay --help')"
        ),
        (
            ["watch", "x.ndjson", "--charts", "loss,,lr"],
            "grokscope: --charts has an empty name (two commas or a trailing comma); give 1–4 comma-separated names, e.g. loss,accuracy,lmn,grad_norm (see 'grokscope watch --help')"
        ),
        (["bogus-command"], "grokscope: Unexpected argument 'bogus-command' (see 'grokscope run --help')"),
        // Every command that runs the phase detector parses --phase-rule the same way (docs/phases.md).
        (
            ["report", "x.ndjson", "--phase-rule", "lax"],
            "grokscope: --phase-rule 'lax' is unknown; use strict, paper, loose (see 'grokscope report --help')"
        ),
        (
            ["replay", "x.ndjson", "--phase-rule", "lax"],
            "grokscope: --phase-rule 'lax' is unknown; use strict, paper, loose (see 'grokscope replay --help')"
        ),
        (
            ["watch", "x.ndjson", "--phase-rule", "lax"],
            "grokscope: --phase-rule 'lax' is unknown; use strict, paper, loose (see 'grokscope watch --help')"
        ),
        (
            ["run", "--phase-rule", "lax"],
            "grokscope: --phase-rule 'lax' is unknown; use strict, paper, loose (see 'grokscope run --help')"
        ),
        (
            ["report", "x.ndjson", "--compression-drop", "1.5"],
            "grokscope: --compression-drop 1.5 is out of range; use a fraction in [0, 1), e.g. 0.1 (see 'grokscope report --help')"
        ),
    ]

    @Test(arguments: 0..<cases.count)
    func usageErrorsExitTwoWithAClearFirstLine(index: Int) throws {
        try #require(Binary.isAvailable, "no binary at \(Binary.path); run `make build`")
        let (arguments, expected) = Self.cases[index]
        let scratch = try Binary.scratch()
        let result = try runBinary(arguments, in: scratch)
        #expect(result.status == 2, "grokscope \(arguments.joined(separator: " ")): \(result.stderr)")
        #expect(result.stderr == expected + "\n", "exactly one line on stderr")
        // Nothing half-written: a failed command leaves the working directory empty.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func corruptCheckpointIsAUsageError() throws {
        try #require(Binary.isAvailable, "no binary at \(Binary.path); run `make build`")
        let scratch = try Binary.scratch()
        let checkpoint = scratch.appendingPathComponent("bad.safetensors")
        try Data([0x10, 0, 0, 0, 0, 0, 0, 0]).write(to: checkpoint)
        let result = try runBinary(
            ["run", "--headless", "--resume", checkpoint.path, "--log", "x.ndjson"], in: scratch)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("grokscope: --resume: "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("x.ndjson").path))
    }

    @Test func helpHasExamplesForEveryCommand() throws {
        try #require(Binary.isAvailable, "no binary at \(Binary.path); run `make build`")
        for command in ["run", "watch", "replay", "report", "bench"] {
            let output = try run(Binary.path, [command, "--help"])
            #expect(output.contains("Example"), "grokscope \(command) --help has no example")
        }
    }
}
