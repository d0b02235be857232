import Foundation
import FoundationXML
import Snapshots
import TUI
import Testing

@Suite struct GridTests {
    @Test func writeClipsToWidthAndGrid() {
        var grid = CellGrid(width: 10, height: 2)
        #expect(grid.write("hello world", x: 7, y: 0) == 3)
        #expect(grid.write("abcdef", x: 0, y: 1, maxWidth: 2) == 2)
        #expect(grid.write("zzz", x: 0, y: 5) == 0)
        #expect(grid.plainTextLines == ["       hel", "ab        "])
    }

    @Test func diffFindsOnlyChangedRuns() {
        var a = CellGrid(width: 8, height: 3)
        a.write("abcdefgh", x: 0, y: 1)
        var b = a
        b.write("XY", x: 2, y: 1)
        b.set(7, 2, Cell("z"))
        let runs = b.changedRuns(since: a)
        #expect(runs.count == 2)
        #expect(runs[0].x == 2 && runs[0].y == 1 && runs[0].cells.map(\.glyph) == ["X", "Y"])
        #expect(runs[1].x == 7 && runs[1].y == 2)
        #expect(a.changedRuns(since: a).isEmpty)
    }

    @Test func styleOnlyChangeIsAChange() {
        var a = CellGrid(width: 4, height: 1)
        a.write("ab", x: 0, y: 0)
        var b = a
        b.restyle(1, 0, CellStyle(attributes: .bold))
        #expect(b.changedRuns(since: a).map(\.x) == [1])
    }

    @Test func resizeOrFirstFrameRepaintsEverything() {
        let a = CellGrid(width: 4, height: 2)
        let b = CellGrid(width: 5, height: 2)
        #expect(b.changedRuns(since: nil).count == 2)
        #expect(b.changedRuns(since: a).map(\.cells.count) == [5, 5])
    }

    @Test func displayWidthTable() {
        #expect(DisplayWidth.width(of: "a" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.width(of: "\u{0301}" as Unicode.Scalar) == 0)  // combining acute
        #expect(DisplayWidth.width(of: "漢" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.width(of: "😀" as Unicode.Scalar) == 2)
        #expect(DisplayWidth.width(of: "⣿" as Unicode.Scalar) == 1)
        #expect(DisplayWidth.width(of: "e\u{0301}x") == 2)
    }

    @Test func wideAndCombiningCharactersBecomeOneCellEach() {
        var grid = CellGrid(width: 6, height: 1)
        let written = grid.write(untrusted: "漢e\u{0301}z", x: 0, y: 0)
        #expect(written == 3)
        #expect(grid[0, 0].glyph == DisplayWidth.replacement)
        #expect(grid[1, 0].glyph == "e" && grid[2, 0].glyph == "z")
    }

    @Test func escapeInRunNameNeverReachesGridOrSVG() {
        var model = DashboardFixtures.paperRun()
        model.header.runName = UntrustedText("evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m")
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .ansi256), width: 80, height: 24, glyphs: .braille)
        let controls = grid.cells.filter { $0.glyph.value < 0x20 || (0x7F...0x9F).contains($0.glyph.value) }
        #expect(controls.isEmpty)
        #expect(grid.plainText.contains("evil\u{FFFD}]0;pwned"))
        let svg = grid.svg()
        #expect(!svg.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
    }

    @Test func controlCharactersInTrustedWritesAreAlsoReplaced() {
        var grid = CellGrid(width: 5, height: 1)
        grid.write("a\u{1B}b\n", x: 0, y: 0)
        #expect(grid.cells.allSatisfy { $0.glyph.value >= 0x20 })
    }

    @Test func svgEscapesAndIsWellFormed() throws {
        var model = DashboardFixtures.paperRun()
        model.header.runName = "a<b>&\"c'"
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .trueColor), width: 80, height: 24, glyphs: .braille)
        let svg = grid.svg()
        #expect(svg.contains("a&lt;b&gt;&amp;&quot;c&apos;"))
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = TextCollector()
        parser.delegate = collector
        #expect(parser.parse(), "SVG must be well-formed: \(String(describing: parser.parserError))")
        #expect(collector.elements.contains("svg") && collector.elements.contains("text"))
        #expect(collector.text.contains("a<b>&\"c'"))
        #expect(svg.components(separatedBy: "<text ").count == svg.components(separatedBy: "</text>").count)
    }

    @Test func svgOfMalformedInputWouldBeCaught() {
        // Negative control: the parser really rejects unescaped markup.
        // (Linux XMLParser tolerates mismatched end tags, so the SVG test also counts tags itself.)
        for bad in ["<svg><text>a & b</text></svg>", "<svg><text>\u{1B}</text></svg>"] {
            #expect(XMLParser(data: Data(bad.utf8)).parse() == false, "\(bad)")
        }
    }

    @Test func truncateAddsEllipsis() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("abc", to: 4) == "abc")
    }
}

final class TextCollector: NSObject, XMLParserDelegate {
    var elements: Set<String> = []
    var text = ""
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.insert(name)
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite struct SaveScreenTests {
    @Test func saveWritesTextAndSVG() throws {
        let dir = NSTemporaryDirectory() + "gs-save-\(UUID().uuidString)"
        let palette = Theme.builtinDefault.palette(for: .ansi256)
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(), palette: palette, width: 80, height: 24, glyphs: .braille)
        let paths = try grid.save(toDirectory: dir, stem: "screen", palette: palette)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["screen.txt", "screen.svg"])
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8) == grid.plainText)
        #expect(XMLParser(contentsOf: URL(fileURLWithPath: paths[1]))?.parse() == true)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Two saves in the same second: the second gets its own name, the first is not overwritten.
    @Test func aSecondSaveNeverOverwrites() throws {
        let dir = NSTemporaryDirectory() + "gs-save-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var grid = CellGrid(width: 10, height: 2)
        grid.write("first", x: 0, y: 0)
        let first = try grid.save(toDirectory: dir, stem: "screen")
        grid.write("second", x: 0, y: 0)
        let second = try grid.save(toDirectory: dir, stem: "screen")
        #expect(second.map { ($0 as NSString).lastPathComponent } == ["screen-2.txt", "screen-2.svg"])
        #expect(try String(contentsOfFile: first[0], encoding: .utf8).hasPrefix("first"))
        #expect(try String(contentsOfFile: second[0], encoding: .utf8).hasPrefix("second"))
    }

    /// A directory that is a file, or whose name carries control bytes: a readable error, nothing written.
    @Test func anUnwritableDirectoryIsAClearError() throws {
        let file = NSTemporaryDirectory() + "gs-save-file-\(UUID().uuidString)\u{1b}[2J"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let grid = CellGrid(width: 4, height: 1)
        #expect(throws: ScreenSaveError.self) { try grid.save(toDirectory: file, stem: "screen") }
        do {
            try grid.save(toDirectory: file, stem: "screen")
        } catch {
            #expect(error.reason == "it is a file, not a directory")
            #expect(!error.description.contains("\u{1b}"), "control bytes reach the status line")
            #expect(!error.description.contains("NSCocoaErrorDomain"))
        }
        #expect(throws: ScreenSaveError.self) { try grid.save(toDirectory: file + "/sub", stem: "screen") }
    }
}
