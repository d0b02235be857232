import Foundation
import Snapshots
import Testing

@Suite struct StreamReaderTests {
    static let header = RecordEncoder.line(.header(SampleRecords.header))
    static func eval(_ step: Int) -> String {
        RecordEncoder.line(.evaluation(Evaluation(step: step, wallTime: Double(step), metrics: ["train_loss": 0.5])))
    }

    /// A 10 MB single line (generated, not committed) is skipped without being buffered, and the
    /// records around it still arrive.
    @Test func tenMegabyteLineIsSkippedAndReported() {
        var reader = StreamReader()
        var records: [Record] = []
        let huge =
            [UInt8](#"{"type":"event","step":1,"kind":"note","message":""#.utf8)
            + [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000) + [UInt8](#""}"#.utf8) + [0x0A]
        let input = [UInt8](Self.header.utf8) + huge + [UInt8](Self.eval(1).utf8)
        input.withUnsafeBytes { raw in
            var start = 0
            while start < raw.count {  // 64 KiB chunks, as a file read would deliver them
                let end = min(start + 65536, raw.count)
                reader.consume(UnsafeRawBufferPointer(rebasing: raw[start..<end]), into: &records)
                start = end
                #expect(reader.pendingByteCount <= 10_000_100)
            }
        }
        reader.finish(into: &records)
        #expect(records.count == 2)
        #expect(reader.diagnostics.oversizedLines == 1)
        #expect(reader.diagnostics.skippedLines == 1)
        #expect(reader.diagnostics.firstError?.line == 2)
        #expect(reader.diagnostics.firstError?.reason.contains("exceeds the limit of 1048576 bytes") == true)
    }

    @Test func limitIsExactAtTheBoundary() {
        let line = Self.eval(3)
        let length = line.utf8.count - 1
        var atLimit = StreamReader(maxLineLength: length)
        #expect(atLimit.consume(Array(line.utf8)).count == 1)
        var belowLimit = StreamReader(maxLineLength: length - 1)
        #expect(belowLimit.consume(Array(line.utf8)).isEmpty)
        #expect(belowLimit.diagnostics.oversizedLines == 1)
    }

    @Test func unknownMajorVersionStopsWithAnUpgradeMessage() {
        var reader = StreamReader()
        let line = #"{"type":"header","format":"grokscope/3","format_minor":1}"# + "\n" + Self.eval(1)
        #expect(reader.consume(Array(line.utf8)).isEmpty)
        let error = reader.diagnostics.incompatibility
        #expect(error?.found == StreamFormatVersion(major: 3, minor: 1))
        #expect(error?.description.contains("Upgrade grokscope") == true)
        #expect(error?.description.contains("grokscope/3") == true)
        #expect(reader.diagnostics.summary.contains("stopped"))
    }

    @Test func tornLineWaitsForTheRest() {
        var reader = StreamReader()
        let line = Array(Self.eval(7).utf8)
        #expect(reader.consume(Array(line[..<20])).isEmpty)
        #expect(reader.pendingByteCount == 20)
        let rest = reader.consume(Array(line[20...]))
        #expect(rest.count == 1)
        #expect(reader.diagnostics.skippedLines == 0)
        #expect(reader.pendingByteCount == 0)
    }

    @Test func restartForgetsThePartialLineAndTheStepHistory() {
        var reader = StreamReader()
        _ = reader.consume(Array((Self.header + Self.eval(5) + "{\"type\":\"ev").utf8))
        reader.restart()
        let again = reader.consume(Array((Self.header + Self.eval(0)).utf8))
        #expect(again.count == 2)
        #expect(reader.diagnostics.decreasingSteps == 0, "a new stream starts its own step order")
        #expect(reader.diagnostics.restarts == 1)
        #expect(reader.diagnostics.skippedLines == 0, "the torn fragment was dropped, not misread")
    }

    @Test func pythonStyleNonFiniteTokensAndFlagsDecode() throws {
        let line =
            #"{"type":"eval","step":1,"a":NaN,"b":Infinity,"c":-Infinity,"d":null,"e":"-inf","f":null,"#
            + #""nonfinite":{"f":"inf"}}"#
        guard case .record(.evaluation(let evaluation)) = RecordDecoder.decode(line: line) else {
            Issue.record("not an evaluation")
            return
        }
        #expect(evaluation["a"]!.isNaN)
        #expect(evaluation["b"] == .infinity)
        #expect(evaluation["c"] == -.infinity)
        #expect(evaluation["d"]!.isNaN, "null without a flag is a gap, not zero")
        #expect(evaluation["e"] == -.infinity)
        #expect(evaluation["f"] == .infinity)
        #expect(evaluation.wallTime.isNaN, "a missing time is unknown, not zero")
    }

    /// Without the reader's C numeric locale, `strtod` under de_DE reads 0.12345678901234567 as 0.0
    /// (checked by removing it). The comma locale is generated when the system lacks it.
    @Test func decodingDoesNotDependOnTheProcessLocale() throws {
        let previous = String(cString: setlocale(LC_ALL, nil))
        let previousPath = getenv("LOCPATH").map { String(cString: $0) }
        defer {
            // LOCPATH disables the system's locale archive: never leave it set for other tests.
            if let previousPath { setenv("LOCPATH", previousPath, 1) } else { unsetenv("LOCPATH") }
            setlocale(LC_ALL, previous)
        }
        if setlocale(LC_ALL, "de_DE.UTF-8") == nil, FileManager.default.fileExists(atPath: "/usr/bin/localedef") {
            let directory = NSTemporaryDirectory() + "grokscope-locale-\(getpid())"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let localedef = Process()
            localedef.executableURL = URL(fileURLWithPath: "/usr/bin/localedef")
            localedef.arguments = ["-i", "de_DE", "-f", "UTF-8", directory + "/de_DE.UTF-8"]
            try localedef.run()
            localedef.waitUntilExit()
            setenv("LOCPATH", directory, 1)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = setlocale(LC_ALL, "de_DE.UTF-8")
        }
        // With a comma locale in effect, strtod alone would stop at the "." of every number.
        let line = #"{"type":"eval","step":1,"x":0.12345678901234567,"y":2.5e-3}"#
        guard case .record(.evaluation(let evaluation)) = RecordDecoder.decode(line: line) else {
            Issue.record("not an evaluation")
            return
        }
        #expect(evaluation["x"] == 0.12345678901234567)
        #expect(evaluation["y"] == 2.5e-3)
    }

    @Test func exactIntegersSurviveForSeeds() {
        let line = #"{"type":"header","format":"grokscope/1","seed":18446744073709551615,"probe_size":60}"#
        guard case .record(.header(let header)) = RecordDecoder.decode(line: line) else {
            Issue.record("not a header")
            return
        }
        #expect(header.seed == UInt64.max)
        #expect(header.probeSize == 60)
        #expect(header.startTime.isNaN)
    }
}

/// The reader remembers metric-name shapes across lines; changing shapes, orders and duplicate keys
/// must still give exactly what Foundation reads.
@Test func changingMetricShapesDecodeLikeFoundation() {
    var text = ""
    let shapes: [[String]] = [
        ["train_loss", "test_loss"], ["train_loss", "test_loss", "lmn"], ["test_loss", "train_loss"],
        ["a", "b", "c", "d", "e"], ["train_loss"], ["train_loss", "test_lozz"],
    ]
    for i in 0..<120 {
        let names = shapes[(i * 7 + i / 5) % shapes.count]
        let fields = names.enumerated().map { "\"\($0.element)\":\(Double(i) + Double($0.offset) / 8)" }
        text += #"{"type":"eval","step":\#(i),"time":\#(Double(i) / 4),"# + fields.joined(separator: ",") + "}\n"
    }
    text += #"{"type":"eval","step":999,"train_loss":1,"train_loss":2}"# + "\n"
    var fast = StreamReader()
    var slow = StreamReader(decodingPath: .foundationOnly)
    let a = fast.consume(Array(text.utf8))
    let b = slow.consume(Array(text.utf8))
    #expect(a.count == 121 && b.count == 121)
    for (x, y) in zip(a, b) { #expect(sameRecord(x, y, loose: true), "\(x) vs \(y)") }
    if case .evaluation(let last)? = a.last { #expect(last["train_loss"] == 2, "a repeated key: the last wins") }
}

/// The Python writer shown in docs/snapshot-format.md produced Fixtures/valid/python-writer.ndjson.
@Test func thePythonWriterOfTheFormatDocumentIsReadCleanly() throws {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("valid/python-writer.ndjson")
    var reader = StreamReader()
    var records = reader.consume(try [UInt8](Data(contentsOf: url)))
    reader.finish(into: &records)
    #expect(records.count == 12)
    #expect(reader.diagnostics.isClean, "\(reader.diagnostics.summary)")
    guard case .header(let header)? = records.first, case .end(let end)? = records.last else {
        Issue.record("header or end missing")
        return
    }
    #expect(header.runID.raw == "demo-1" && header.settings["lr"]?.raw == "1e-3")
    #expect(end.status == .completed)
    let nanStep = records.compactMap { if case .evaluation(let e) = $0, e.step == 100 { return e } else { return nil } }
    #expect(nanStep.first?["test_loss"]?.isNaN == true)
    #expect(nanStep.first?["train_loss"] == 0.009900990099009901)
}

/// The Python client (python/, `grokscope.Run`) wrote Fixtures/valid/python-client.ndjson
/// (python/tests/fixture_writer.py): format minor 1, non-finite values, a hostile name, a `failed` end.
@Test func thePythonClientsStreamIsReadCleanly() throws {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("valid/python-client.ndjson")
    var reader = StreamReader()
    var records = reader.consume(try [UInt8](Data(contentsOf: url)))
    reader.finish(into: &records)
    #expect(records.count == 6)
    #expect(reader.diagnostics.isClean, "\(reader.diagnostics.summary)")
    guard case .header(let header)? = records.first, case .end(let end)? = records.last,
        case .evaluation(let last) = records[4]
    else {
        Issue.record("header, last evaluation or end missing")
        return
    }
    #expect(header.formatMinor == 1 && header.name.raw == "python \u{1B}[31mclient\u{202E}")
    #expect(header.probeSize == 128 && header.settings["lmn_probes"]?.raw == "128 of 9409 inputs, from mlp.1")
    #expect(end.status == .failed && end.message.raw == "RuntimeError: CUDA out of memory")
    #expect(last["train_loss"]?.isNaN == true && last["test_loss"] == -.infinity && last["lmn"] == 1e-300)
}

/// An unknown end status is still refused (`failed` is the only addition of minor 1).
@Test func endStatusesAreTheDocumentedOnes() {
    #expect(EndStatus.allCases.map(\.rawValue) == ["completed", "interrupted", "diverged", "failed"])
    var reader = StreamReader()
    let records = reader.consume(Array(#"{"type":"end","step":3,"status":"crashed"}"#.utf8) + [0x0A])
    #expect(records.isEmpty && reader.diagnostics.skippedLines == 1)
}

/// The complete example of docs/snapshot-format.md (copied to Fixtures/valid/doc-example.ndjson).
@Test func theFormatDocumentExampleIsReadCleanly() throws {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("valid/doc-example.ndjson")
    var reader = StreamReader()
    let records = reader.consume(try [UInt8](Data(contentsOf: url)))
    #expect(records.count == 7)
    #expect(reader.diagnostics.isClean, "\(reader.diagnostics.summary)")
    guard case .evaluation(let step100) = records[3] else {
        Issue.record("record 4 is not an evaluation")
        return
    }
    #expect(step100.step == 100 && step100["test_loss"] == .infinity)
}
