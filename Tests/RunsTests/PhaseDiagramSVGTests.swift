import Foundation
import Testing

@testable import Runs
@testable import Sweeps

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the attributes of every `<rect>` and the text of every `<text>` (fails on malformed XML).
private final class SVGElements: NSObject, XMLParserDelegate {
    var rects: [[String: String]] = []
    var texts: [String] = []
    private var inText = false
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        if name == "rect" { rects.append(attributes) }
        if name == "text" {
            inText = true
            texts.append("")
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { texts[texts.count - 1] += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    static func parse(_ svg: String) throws -> SVGElements {
        let elements = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = elements
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        return elements
    }
}

@Suite struct PhaseDiagramSVGTests {
    @Test func oneRectPerGridPointColouredByOutcome() throws {
        let diagram = try #require(
            PhaseDiagram.build(table: PhaseDiagramTests.table(), settings: PhaseDiagramTests.manifest, now: 0))
        let svg = PhaseDiagramSVG.svg(diagram, title: "runs/<wd&frac>")
        let parsed = try SVGElements.parse(svg)
        let cells = parsed.rects.filter { $0["class"] == "cell" }
        #expect(cells.count == 4)  // 2 × 2 grid points
        func cell(_ x: String, _ y: String) -> [String: String]? {
            cells.first { $0["data-x"] == x && $0["data-y"] == y }
        }
        #expect(cell("1", "0.3")?["data-outcome"] == "grokked")
        #expect(cell("0", "0.3")?["data-outcome"] == "memorized only")
        #expect(cell("0", "0.3")?["fill"] == PhaseDiagramSVG.color(.memorizedOnly))
        #expect(cell("1", "0.7")?["fill"] == PhaseDiagramSVG.color(.diverged))
        #expect(cell("0", "0.7")?["data-outcome"] == "none" && cell("0", "0.7")?["fill"] == PhaseDiagramSVG.color(nil))
        // The only grokked cell has the longest delay: the deepest shade, not the pale end.
        #expect(cell("1", "0.3")?["fill"] == PhaseDiagramSVG.grokkedShade(delay: 1, longest: 1))
        #expect(
            PhaseDiagramSVG.grokkedShade(delay: 0, longest: 10) != PhaseDiagramSVG.grokkedShade(delay: 10, longest: 10))
        #expect(parsed.texts.contains("G 2/2") && parsed.texts.contains("delay 250") && parsed.texts.contains("M 1/2"))
        #expect(parsed.texts.contains("phase diagram: runs/<wd&frac>"))  // escaped in the file, intact when parsed
        let legend = parsed.rects.filter { $0["class"] == "legend" }
        #expect(legend.count == RunOutcome.allCases.count)
        #expect(Set(legend.compactMap { $0["fill"] }).count == RunOutcome.allCases.count)  // distinct colours
        #expect(!svg.contains("href"))  // self-contained
    }

    @Test func oneOptionSweepIsAStrip() throws {
        let diagram = try #require(
            PhaseDiagram.build(
                table: PhaseDiagramCursorTests.stripTable(), settings: PhaseDiagramCursorTests.strip, now: 0))
        let parsed = try SVGElements.parse(PhaseDiagramSVG.svg(diagram, title: "lr"))
        let cells = parsed.rects.filter { $0["class"] == "cell" }
        #expect(cells.count == 2 && cells.allSatisfy { $0["data-y"] == nil })
        #expect(Set(cells.compactMap { $0["y"] }).count == 1)  // one row
        #expect(cells.first { $0["data-x"] == "2" }?["data-outcome"] == "none")
    }

    @Test func controlCharactersInNamesAreDropped() {
        #expect(PhaseDiagramSVG.escape("a\u{1B}[31mb\"") == "a\u{FFFD}[31mb&quot;")  // the one rule: U+FFFD
    }
}
