import Testing

@testable import Snapshots

/// The hostile corpus every output path is tested with: escape sequences (CSI, OSC title and OSC 52
/// clipboard), raw C1 controls, bidi overrides/isolates/marks, zero-width characters, the Unicode line
/// and paragraph separators, and the byte-order mark.
enum HostileCorpus {
    static let pieces: [String] = [
        "\u{1B}]0;pwned\u{7}", "\u{1B}]52;c;cHduZWQ=\u{7}", "\u{1B}[2J", "\u{9B}31m", "\u{9D}0;x\u{9C}",
        "\u{202E}evil", "\u{2066}a\u{2069}", "\u{2067}b\u{2068}c", "\u{200B}\u{200C}\u{200D}", "\u{2028}\u{2029}",
        "\u{FEFF}", "\u{200E}\u{200F}\u{061C}", "\u{AD}", "\u{2060}",
    ]
    static var metricName: String { "loss" + pieces.joined() }
}

@Test func everyHostileScalarIsReplaced() {
    for piece in HostileCorpus.pieces {
        let clean = UntrustedText.sanitize(piece)
        #expect(!clean.unicodeScalars.contains(where: UntrustedText.isUnsafe), "\(clean.unicodeScalars.map(\.value))")
        #expect(clean.contains("\u{FFFD}"), "the replacement shows where something was removed")
    }
}

@Test func readableTextIsKept() {
    for text in ["add mod 31 — α=1", "学習 loss", "naïve café", "🙂 run", "a/b (c) [d] {e}", "tab-free"] {
        #expect(UntrustedText.sanitize(text) == text)
        #expect(!UntrustedText(text).hasControlCharacters)
    }
}

@Test func sanitizeLinesKeepsLineFeedsOnly() {
    #expect(UntrustedText.sanitizeLines("a\u{1B}\nb\u{2028}c\n") == "a\u{FFFD}\nb\u{FFFD}c\n")
    #expect(UntrustedText.sanitize("a\nb") == "a\u{FFFD}b")
}

/// Metric names are sanitized at the stream reader, as run names are at display: whatever prints them
/// later (CSV, JSON, the dashboard) gets safe keys.
@Test func metricNamesAreSanitizedOnTheWayIn() throws {
    let hostile = HostileCorpus.metricName
    let escaped = hostile.unicodeScalars.map { s -> String in
        s.value < 0x20 || s.value > 0x7E ? String(format: "\\u%04X", s.value) : String(s)
    }.joined()
    let line = #"{"type":"eval","step":5,"\#(escaped)":1.5,"nonfinite":{"\#(escaped)2":"nan"}}"#
    guard case .record(.evaluation(let e)) = RecordDecoder.decode(line: line) else {
        Issue.record("not decoded: \(RecordDecoder.decode(line: line))")
        return
    }
    #expect(e.metrics.count == 2)
    for key in e.metrics.keys {
        #expect(!key.unicodeScalars.contains(where: UntrustedText.isUnsafe), "\(key.unicodeScalars.map(\.value))")
        #expect(key.hasPrefix("loss"))
    }
    // Negative control: a plain key is untouched.
    guard case .record(.evaluation(let plain)) = RecordDecoder.decode(line: #"{"type":"eval","step":5,"train_loss":1}"#)
    else { return }
    #expect(plain.metrics["train_loss"] == 1)
}

@Test func eventKindsAndLineProblemsAreSanitized() {
    let line = #"{"type":"event","step":1,"kind":"x\u001B]0;t\u0007","message":"m"}"#
    if case .record(.event(let event)) = RecordDecoder.decode(line: line) {
        #expect(!event.kind.unicodeScalars.contains(where: UntrustedText.isUnsafe))
    } else {
        Issue.record("event not decoded")
    }
    let problem = StreamDiagnostics.LineProblem(line: 3, reason: "bad \u{1B}[2J \u{202E}")
    #expect(!problem.description.unicodeScalars.contains(where: UntrustedText.isUnsafe))
}
