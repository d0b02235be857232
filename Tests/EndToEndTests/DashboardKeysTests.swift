import Foundation
import Testing

extension EndToEnd {
    @Suite("dashboard keys and screen sizes", EndToEnd.needsTmux)
    struct DashboardKeysTests {
        /// A long demo run to press keys in; quitting it early is an ordinary quit (exit 0).
        static let longRun = FastRun.demo(steps: 100_000).joined(separator: " ")

        @Test func helpPauseThemeAndResize() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) run \(Self.longRun)")
            try shell.waitFor(timeout: 30, "the dashboard") { $0.contains("Accuracy") && $0.contains("L2 norm") }

            try shell.send("?")
            let help = try shell.waitFor("quit (also Ctrl-C)")
            #expect(help.contains(" keys "), "help overlay title:\n\(help)")
            try shell.send("Escape")
            try shell.waitFor(timeout: 10, "Esc to close the help") { !$0.contains("quit (also Ctrl-C)") }

            try shell.send("Space")
            let paused = try shell.waitFor("PAUSED")
            #expect(paused.contains("paused (+"), "paused liveness in the header:\n\(paused)")
            try shell.send("Space")
            try shell.waitFor(timeout: 10, "space to resume") { !$0.contains("PAUSED") && $0.contains("live") }

            try shell.send("t")
            let light = try shell.waitFor("theme light")
            #expect(!light.contains("no theme named"), "the shipped light theme loads:\n\(light)")
            try shell.send("t")
            try shell.waitFor("theme tty16")

            try shell.resize(width: 60, height: 16)
            let small = try shell.waitFor(timeout: 10, "a 60×16 dashboard") {
                $0.contains("Loss") && $0.contains("Accuracy") && !$0.contains("too small")
            }
            #expect(small.split(separator: "\n").count <= 16)
            try shell.resize(width: 40, height: 10)
            let tiny = try shell.waitFor("terminal too small")
            #expect(tiny.contains("have 40×10"), "too-small screen says the size:\n\(tiny)")
            try shell.resize(width: 120, height: 40)
            try shell.waitFor(timeout: 10, "the full dashboard again") {
                !$0.contains("too small") && $0.contains("LMN N=32") && $0.contains("L2 norm")
                    && $0.contains("Compression window")
            }

            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
            let after = try shell.captureHistory()
            #expect(after.contains("resume with:"), "quitting early prints how to resume:\n\(after)")
            try shell.assertShellUsable()
        }

        /// `v` opens the compression-window scatter in the side panel; it fills with a fitted line and
        /// scores once t_mem is confirmed; `v` closes it again.
        @Test func scatterKeyShowsTestLossAgainstLMNAndL2() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) run \(Self.longRun)")
            try shell.waitFor(timeout: 30, "the dashboard") { $0.contains("Accuracy") && $0.contains("L2 norm") }
            try shell.send("v")
            try shell.waitFor(timeout: 10, "the scatter panel") { $0.contains("Test loss vs LMN, L2") }
            let fitted = try shell.waitFor(timeout: 60, "a fitted LMN scatter") {
                $0.contains("vs LMN r² 0.") || $0.contains("vs LMN r² 1.")
            }
            #expect(fitted.contains("vs L2 r² "), "both scatters:\n\(fitted)")
            #expect(!fitted.contains("Events"), "the scatter replaces the events list:\n\(fitted)")
            try shell.send("v")
            try shell.waitFor(timeout: 10, "the panel closed") { !$0.contains("Test loss vs LMN, L2") }
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)
            try shell.assertShellUsable()
        }

        /// `s` writes the screen as text and SVG into the working directory.
        @Test func saveScreenWritesTextAndSVG() throws {
            let dir = try Binary.scratch()
            let shell = try TmuxSession.shell(in: dir)
            try shell.runLine("\(try Binary.shellPath()) run \(Self.longRun)")
            try shell.waitFor(timeout: 30, "the dashboard") { $0.contains("Accuracy") && $0.contains("LMN N=32") }
            try shell.send("s")
            let screen = try shell.waitFor("saved grokscope-screen-")
            try shell.send("q")
            #expect(try shell.waitForExitStatus() == 0)

            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .filter { $0.hasPrefix("grokscope-screen-") }
            let text = try #require(files.first { $0.hasSuffix(".txt") }, "no .txt in \(files)\n\(screen)")
            let svg = try #require(files.first { $0.hasSuffix(".svg") }, "no .svg in \(files)\n\(screen)")
            let saved = try String(contentsOf: dir.appendingPathComponent(text), encoding: .utf8)
            #expect(saved.contains("Accuracy") && saved.contains("demo"), "saved text:\n\(saved)")
            let document = try Data(contentsOf: dir.appendingPathComponent(svg))
            let parsed = SVGInspector(document)
            #expect(parsed.isWellFormed, "the saved SVG parses: \(parsed.error ?? "")")
            #expect(parsed.rootElement == "svg")
            // Braille is drawn as dots (circles), never left to the viewer's font.
            let svgText = String(decoding: document, as: UTF8.self)
            #expect(!svgText.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
            if saved.unicodeScalars.contains(where: { (0x2801...0x28FF).contains($0.value) }) {
                #expect(svgText.contains("<circle class=\"glyph\""))
            }
        }
    }
}
