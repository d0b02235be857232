import Snapshots
import Testing

@Test func sanitizedReplacesEscapeSequences() {
    let text = UntrustedText("run\u{1B}[2Jname\u{7}\u{9B}x")
    #expect(text.hasControlCharacters)
    #expect(text.sanitized == "run\u{FFFD}[2Jname\u{FFFD}\u{FFFD}x")
    #expect(text.raw.contains("\u{1B}"))
}

@Test func plainTextIsUnchanged() {
    let text = UntrustedText("add mod 31 — α=1")
    #expect(!text.hasControlCharacters)
    #expect(text.sanitized == text.raw)
}
