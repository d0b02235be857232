import Foundation
import Snapshots
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: SampleRecords.all.indices)
    func everyRecordRoundTrips(index: Int) throws {
        let record = SampleRecords.all[index]
        let line = RecordEncoder.line(record)
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false, "one record is one line")
        for path in [DecodingPath.fast, .foundationOnly] {
            let decoded = RecordDecoder.decode(line: line, path: path)
            guard case .record(let back) = decoded else {
                Issue.record("\(path) did not decode \(line): \(decoded)")
                continue
            }
            #expect(sameRecord(back, record, loose: path == .foundationOnly), "\(path): \(line)")
        }
    }

    @Test func nonFiniteValuesAreNullWithAFlagAndNeverZero() throws {
        let line = RecordEncoder.line(.evaluation(SampleRecords.evaluations[1]))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["train_loss"] is NSNull)
        #expect(object["test_loss"] is NSNull)
        let flags = try #require(object["nonfinite"] as? [String: String])
        #expect(flags == ["train_loss": "nan", "test_loss": "inf", "train_acc": "-inf"])
        guard case .record(.evaluation(let back)) = RecordDecoder.decode(line: line) else {
            Issue.record("no evaluation")
            return
        }
        #expect(back["train_loss"]!.isNaN)
        #expect(back["test_loss"] == .infinity)
        #expect(back["train_acc"] == -.infinity)
    }

    @Test func controlCharactersSurviveAsDataAndAreFlagged() throws {
        let line = RecordEncoder.line(.header(SampleRecords.header))
        // The encoded line itself is safe to print: no raw control byte, no C1, no U+2028.
        #expect(!line.dropLast().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!line.contains("\u{2028}"))
        guard case .record(.header(let back)) = RecordDecoder.decode(line: line) else {
            Issue.record("no header")
            return
        }
        #expect(back.name.raw == SampleRecords.nastyText)
        #expect(back.name.hasControlCharacters)
        #expect(back.settings["note\u{1B}"]?.raw == "x\u{9B}y")
        #expect(back.settings["note\u{1B}"]?.hasControlCharacters == true)
        #expect(!back.task.hasControlCharacters)
    }

    /// Foundation must read every encoded line as the same JSON value the encoder meant.
    @Test(arguments: SampleRecords.all.indices)
    func foundationParsesEncodedLinesIdentically(index: Int) throws {
        let record = SampleRecords.all[index]
        let line = RecordEncoder.line(record)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        switch record {
        case .evaluation(let evaluation):
            #expect(parsed["type"] as? String == "eval")
            #expect((parsed["step"] as? NSNumber)?.intValue == evaluation.step)
            for (name, value) in evaluation.metrics {
                if value.isFinite {
                    let number = try #require(parsed[name] as? NSNumber, "\(name)")
                    #expect(closeDouble(number.doubleValue, value), "\(name) (Foundation misrounds by a few ulps)")
                } else {
                    #expect(parsed[name] is NSNull, "\(name)")
                }
            }
        case .header(let header):
            #expect(parsed["format"] as? String == "grokscope/1")
            #expect(parsed["name"] as? String == header.name.raw)
            #expect((parsed["settings"] as? [String: String]) == header.settings.mapValues(\.raw))
            if let seed = header.seed { #expect((parsed["seed"] as? NSNumber)?.uint64Value == seed) }
        case .event(let event):
            #expect(parsed["message"] as? String == event.message.raw)
            #expect(parsed["kind"] as? String == event.kind)
        case .end(let end):
            #expect(parsed["status"] as? String == end.status.rawValue)
            #expect(parsed["message"] as? String == end.message.raw)
        }
    }

    /// What the reader makes of a record: metric names and event kinds sanitized, the rest as written.
    static func asRead(_ record: Record) -> Record {
        switch record {
        case .evaluation(let e):
            let metrics = Dictionary(e.metrics.map { (UntrustedText.sanitize($0.key), $0.value) }) { a, _ in a }
            return .evaluation(Evaluation(step: e.step, wallTime: e.wallTime, metrics: metrics))
        case .event(let event):
            return .event(
                RunEvent(step: event.step, kind: UntrustedText.sanitize(event.kind), message: event.message.raw))
        default: return record
        }
    }

    @Test func randomStringsRoundTripThroughBothPaths() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let pool: [Unicode.Scalar] =
            (0...0xA0).compactMap(Unicode.Scalar.init) + ["\u{2028}", "\u{2029}", "é", "中", "🚀", "\u{FFFD}", "\u{E2}"]
        for _ in 0..<300 {
            let length = Int(next() % 12)
            let text = String(
                String.UnicodeScalarView((0..<length).map { _ in pool[Int(next() % UInt64(pool.count))] }))
            let value = Double(bitPattern: next())
            let record = Record.event(RunEvent(step: Int(next() % 1000), kind: text, message: text))
            let evaluation = Record.evaluation(
                Evaluation(step: 1, wallTime: 0, metrics: [text.isEmpty ? "x" : text: value]))
            for candidate in [record, evaluation] {
                let line = RecordEncoder.line(candidate)
                for path in [DecodingPath.fast, .foundationOnly] {
                    guard case .record(let back) = RecordDecoder.decode(line: line, path: path) else {
                        Issue.record("\(path) rejected \(line.debugDescription)")
                        continue
                    }
                    // The reader sanitizes metric names and event kinds (they reach terminals and CSV).
                    #expect(
                        sameRecord(back, Self.asRead(candidate), loose: path == .foundationOnly),
                        "\(path) \(line.debugDescription)")
                }
            }
        }
    }
}
