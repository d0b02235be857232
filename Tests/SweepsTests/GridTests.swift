import Foundation
import Sweeps
import Testing

@Suite struct GridTests {
    @Test func axesParseAndExpandInOrderWithSeedsInnermost() throws {
        let grid = SweepGrid(
            preset: "demo", axes: [try SweepGrid.axis("weight-decay=0,0.1"), try SweepGrid.axis("--train-fraction=0.3,0.5")],
            seeds: try SweepGrid.seeds("0-1"))
        let runs = try grid.runs()
        #expect(runs.count == 8)
        #expect(runs.map(\.name).prefix(3) == ["wd0_frac0.3_seed0", "wd0_frac0.3_seed1", "wd0_frac0.5_seed0"])
        #expect(Set(runs.map(\.name)).count == runs.count)
    }

    @Test func seedListsAndRanges() throws {
        #expect(try SweepGrid.seeds("0-2,10") == [0, 1, 2, 10])
        #expect(try SweepGrid.seeds("7") == [7])
        for bad in ["", "2-1", "a", "0-", "1,1", "0-2-3", "-1"] {
            #expect(throws: SweepError.self, "\(bad)") { try SweepGrid.seeds(bad) }
        }
        #expect(throws: SweepError.self) { try SweepGrid.seeds("0-99999999") }
    }

    @Test func unknownOptionsAndUnsafeValuesAreRefused() {
        for bad in ["log=x.ndjson", "weight-decay", "weight-decay=", "lr=1e-3,", "lr=1e-3,1e-3", "task=add;rm", "lr=$(x)"] {
            #expect(throws: SweepError.self, "\(bad)") { try SweepGrid.axis(bad) }
        }
        #expect((try? SweepGrid.axis("hidden=100x100,256"))?.values == ["100x100", "256"])
    }

    @Test func aGridLargerThanTheCapIsRefusedBeforeExpanding() throws {
        let values = (0..<200).map(String.init).joined(separator: ",")
        let grid = SweepGrid(
            preset: "demo", axes: [try SweepGrid.axis("steps=\(values)"), try SweepGrid.axis("lr=\(values)")],
            seeds: [0])
        #expect(throws: SweepError.self) { try grid.runs() }
    }

    @Test func trainArgumentsCarryTheSettingsFilesAndResume() throws {
        let run = try SweepGrid(preset: "paper-add", axes: [try SweepGrid.axis("hidden=64x64")], seeds: [3]).runs()[0]
        let args = run.trainArguments(directory: "out", resume: "out/x.safetensors", checkpointEvery: 500, extra: ["--steps", "10"])
        #expect(args.prefix(4) == ["train", "--headless", "--preset", "paper-add"])
        #expect(args.contains("--hidden") && args[args.firstIndex(of: "--hidden")! + 1] == "64,64")
        #expect(args[args.firstIndex(of: "--log")! + 1] == "out/hidden64x64_seed3.ndjson")
        #expect(args[args.firstIndex(of: "--resume")! + 1] == "out/x.safetensors")
        #expect(args.suffix(2) == ["--steps", "10"])
        let fresh = run.trainArguments(directory: "out", resume: nil, checkpointEvery: 500, extra: [])
        #expect(!fresh.contains("--resume"))
    }

    /// What --print-commands prints must survive a real shell unchanged.
    @Test func shellQuotingRoundTripsThroughSh() throws {
        let words = ["plain", "with space", "it's", "$HOME", "a\"b", "", "semi;colon", "back\\slash", "new\nline"]
        let script = "printf '%s\\0' " + words.map(ShellQuote.word).joined(separator: " ")
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let echoed = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(echoed == words)
        #expect(ShellQuote.word("wd0.1_seed0") == "wd0.1_seed0")
    }
}

@Suite struct ManifestTests {
    @Test func theSameGridMayRerunWithOtherOptionsButAnotherGridIsRefused() throws {
        let dir = NSTemporaryDirectory() + "gs-manifest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let grid = SweepGrid(preset: "demo", axes: [try SweepGrid.axis("lr=1e-3,2e-3")], seeds: [0])
        try SweepManifest.write(grid: grid, runs: try grid.runs(), extra: ["--steps", "100"], directory: dir)
        try SweepManifest.write(grid: grid, runs: try grid.runs(), extra: ["--steps", "900"], directory: dir)
        let other = SweepGrid(preset: "demo", axes: [try SweepGrid.axis("lr=1e-3")], seeds: [0])
        #expect(throws: SweepError.self) {
            try SweepManifest.write(grid: other, runs: try other.runs(), extra: [], directory: dir)
        }
        let reseeded = SweepGrid(preset: "demo", axes: grid.axes, seeds: [0, 1])
        #expect(throws: SweepError.self) {
            try SweepManifest.write(grid: reseeded, runs: try reseeded.runs(), extra: [], directory: dir)
        }
    }
}
