import Snapshots
import Testing

/// Issue 11 §2/§4: what a reader accepts from a stream it did not write (docs/limits.md).
@Suite struct StreamLimitsTests {
    static func read(_ text: String) -> (records: [Record], diagnostics: StreamDiagnostics) {
        var reader = StreamReader()
        let records = reader.consume(Array(text.utf8))
        return (records, reader.diagnostics)
    }

    static let header = "{\"type\":\"header\",\"format\":\"grokscope/1\"}\n"

    static func steps(_ records: [Record]) -> [Int] {
        records.compactMap { if case .evaluation(let e) = $0 { return e.step } else { return nil } }
    }

    @Test func stepsOutsideTheRangeAreSkippedAndCounted() {
        var text = Self.header
        for step in ["0", "1152921504606846976", "-9223372036854775808", "9007199254740993", "9007199254740992", "-1"] {
            text += "{\"type\":\"eval\",\"step\":\(step),\"x\":1}\n"  // fast path
            text += "{\"step\":\(step),\"x\":1,\"k\\u0041\":2}\n"  // general path (escaped key)
        }
        text +=
            "{\"type\":\"event\",\"step\":-1152921504606846976,\"kind\":\"note\"}\n{\"type\":\"end\",\"step\":1152921504606846976,\"status\":\"completed\"}\n"
        let (records, d) = Self.read(text)
        #expect(Self.steps(records) == [0, 0, 1 << 53, 1 << 53, -1, -1])
        #expect(d.skippedLines == 8, "\(d.summary)")
        #expect(d.firstError?.reason.contains("outside ±2^53") == true)
    }

    @Test func hugeTotalStepsAreRefusedAndHugeProbeSizesForgotten() {
        let (records, d) = Self.read(
            "{\"type\":\"header\",\"format\":\"grokscope/1\",\"total_steps\":9223372036854775807}\n"
                + "{\"type\":\"header\",\"format\":\"grokscope/1\",\"total_steps\":5,\"probe_size\":9223372036854775807}\n"
        )
        #expect(d.skippedLines == 1)
        guard case .header(let h)? = records.first else { Issue.record("no header"); return }
        #expect(h.totalSteps == 5 && h.probeSize == nil)
    }

    @Test func aHugeMajorVersionIsAnUnknownNewerVersion() {
        let (records, d) = Self.read(
            "{\"type\":\"header\",\"format\":\"grokscope/99999999999999999999\"}\n{\"step\":1}\n")
        #expect(records.isEmpty)
        #expect(d.incompatibility?.description.contains("Upgrade grokscope") == true, "\(d.summary)")
        // Not digits at all: still "not a grokscope format" (skipped, reading goes on).
        let other = Self.read("{\"type\":\"header\",\"format\":\"grokscope/x\"}\n{\"step\":1}\n")
        #expect(other.diagnostics.incompatibility == nil && Self.steps(other.records) == [1])
    }

    @Test func distinctMetricNamesAreCappedPerStream() {
        var text = Self.header
        for i in 0..<300 { text += "{\"type\":\"eval\",\"step\":\(i),\"m\(i)\":1,\"train_loss\":2}\n" }
        var reader = StreamReader()
        let records = reader.consume(Array(text.utf8))
        var names = Set<String>()
        for case .evaluation(let e) in records { names.formUnion(e.metrics.keys) }
        #expect(names.count == StreamLimits.maxMetricSeries)
        #expect(names.contains("train_loss"))
        #expect(reader.diagnostics.droppedSeries == 300 - (StreamLimits.maxMetricSeries - 1))
        #expect(reader.diagnostics.summary.contains("dropped"))
        // Repeated lines of one shape (the decoder's fast path) are limited every time, known ones never.
        let repeated = reader.consume(
            Array(String(repeating: "{\"type\":\"eval\",\"step\":400,\"late\":1,\"train_loss\":2}\n", count: 3).utf8))
        for case .evaluation(let e) in repeated { #expect(e.metrics == ["train_loss": 2]) }
        #expect(repeated.count == 3)
        // A new stream (file replaced) starts with an empty set of names.
        reader.restart()
        let again = reader.consume(Array((Self.header + "{\"step\":1,\"m299\":1}\n").utf8))
        guard case .evaluation(let e)? = again.last else { Issue.record("no evaluation"); return }
        #expect(e.metrics["m299"] == 1)
    }
}
