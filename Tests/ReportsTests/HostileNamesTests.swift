import Foundation
import Reports
import Snapshots
import Testing

/// Metric names with escape sequences, C1 controls and bidi/zero-width scalars must not reach a file
/// someone will `cat` (CSV), a JSON consumer, an SVG or the text report.
@Suite struct HostileNamesTests {
    static let hostileKeys = [
        "\\u001B]0;pwned\\u0007x", "\\u001B]52;c;cHduZWQ=\\u0007y", "\\u009B31mz", "\\u202Eevil", "\\u2066iso\\u2069",
        "zw\\u200Bsp", "ls\\u2028ps\\u2029", "bom\\uFEFF",
    ]

    /// Decodes evaluations through the stream reader, as `report` does.
    static func evaluations() -> [Evaluation] {
        (0..<3).compactMap { i -> Evaluation? in
            let fields = hostileKeys.map { "\"\($0)\":\(i)" }.joined(separator: ",")
            let line = "{\"type\":\"eval\",\"step\":\(i * 10),\"train_loss\":1," + fields + "}"
            guard case .record(.evaluation(let e)) = RecordDecoder.decode(line: line) else { return nil }
            return e
        }
    }



    @Test func csvHasNoUnsafeScalars() {
        let evaluations = Self.evaluations()
        #expect(evaluations.count == 3)
        let csv = CSVWriter.csv(evaluations)
        let unsafe = csv.unicodeScalars.filter { UntrustedText.isUnsafe($0) && $0 != "\n" }
        #expect(unsafe.isEmpty, "\(unsafe.map(\.value))")
        #expect(csv.contains("evil"))  // the rest of the name survives
    }

    @Test func jsonAndTextSummariesHaveNoUnsafeScalars() {
        let evaluations = Self.evaluations()
        let header = RunHeader(
            runID: "r", name: "n\u{202E}ame\u{1B}[2J", task: "t\u{2066}", probeSize: nil, totalSteps: 20, startTime: 0,
            producer: "p")
        let summary = RunSummary(header: header, evaluations: evaluations, end: nil)
        for text in [summary.json, summary.text] {
            let unsafe = text.unicodeScalars.filter { UntrustedText.isUnsafe($0) && $0 != "\n" }
            #expect(unsafe.isEmpty, "\(unsafe.map(\.value))")
        }
    }

    @Test func svgTextHasNoUnsafeScalars() {
        let escaped = SVGFigureWriter.escape("loss\u{1B}]0;t\u{7}\u{202E}\u{2066}x\u{2069}\u{200B}\u{2028}<&>")
        #expect(!escaped.unicodeScalars.contains(where: UntrustedText.isUnsafe), "\(escaped.unicodeScalars.map(\.value))")
        #expect(escaped.hasSuffix("&lt;&amp;&gt;"))
    }

    /// Negative control: the check above does see raw C1 and bidi scalars when they are there.
    @Test func theCheckSeesRawScalars() {
        let raw = "a\u{9B}b\u{2066}c"
        #expect(raw.unicodeScalars.contains(where: UntrustedText.isUnsafe))
    }
}
