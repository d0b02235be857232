import Foundation
import Testing

extension EndToEnd {
    @Suite("terminal types and locales", EndToEnd.needsTmux)
    struct TerminalEnvironmentTests {
        static let shortRun = FastRun.demo(steps: 600).joined(separator: " ")

        /// Without a UTF-8 locale every glyph on screen is ASCII (no braille, no box drawing).
        @Test func cLocaleDrawsASCIIOnly() throws {
            let shell = try TmuxSession.shell(in: try Binary.scratch())
            try shell.runLine("LANG=C LC_ALL=C \(try Binary.shellPath()) run \(Self.shortRun)")
            let screen = try shell.waitFor(timeout: 30, "the finished dashboard") {
                $0.contains("completed at step 600") && $0.contains("L2 norm")
            }
            let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
            let braille = nonASCII.filter { (0x2800...0x28FF).contains($0.value) }
            #expect(braille.isEmpty, "braille in a C locale:\n\(screen)")
            #expect(nonASCII.isEmpty, "non-ASCII glyphs \(Set(nonASCII.map(String.init))) in a C locale:\n\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        /// The UTF-8 control: the same run in a UTF-8 locale does draw braille (so the check above can fail).
        @Test func utf8LocaleDrawsBraille() throws {
            let shell = try TmuxSession.shell(in: try Binary.scratch())
            try shell.runLine("\(try Binary.shellPath()) run \(Self.shortRun)")
            let screen = try shell.waitFor(timeout: 30, "the finished dashboard") {
                $0.contains("completed at step 600") && $0.contains("L2 norm")
            }
            #expect(screen.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "no braille:\n\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        @Test func vt100DrawsAndQuitsCleanly() throws {
            let shell = try TmuxSession.shell(in: try Binary.scratch())
            try shell.runLine("TERM=vt100 \(try Binary.shellPath()) run \(Self.shortRun)")
            let screen = try shell.waitFor(timeout: 30, "the finished dashboard") {
                $0.contains("completed at step 600") && $0.contains("Accuracy")
            }
            #expect(screen.contains("LMN N=32"), "\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
            try shell.assertShellUsable()
        }

        @Test func unknownTermFallsBackWithANotice() throws {
            let shell = try TmuxSession.shell(in: try Binary.scratch())
            try shell.runLine("TERM=nosuchterm \(try Binary.shellPath()) run \(Self.shortRun)")
            let screen = try shell.waitFor("TERM 'nosuchterm' has no terminfo entry; using")
            #expect(screen.contains("Accuracy"), "the dashboard is drawn anyway:\n\(screen)")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
        }

        @Test func dumbTerminalGetsProgressLines() throws {
            let shell = try TmuxSession.shell(in: try Binary.scratch())
            try shell.runLine("TERM=dumb \(try Binary.shellPath()) run \(Self.shortRun)")
            #expect(try shell.waitForExitStatus() == 0)
            let output = try shell.captureHistory()
            #expect(output.contains("cannot draw the dashboard"), "fallback notice:\n\(output)")
            #expect(output.firstMatch(of: #/step +600/600 +loss/#) != nil, "progress lines:\n\(output)")
            #expect(output.contains("completed at step 600"), "summary:\n\(output)")
            #expect(!output.contains("Accuracy"), "no dashboard on a dumb terminal:\n\(output)")
        }
    }
}
