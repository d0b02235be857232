import Foundation
import FoundationXML
import Reports
import Testing

/// Counts elements and attributes of interest while checking the document parses.
final class SVGProbe: NSObject, XMLParserDelegate {
    var bands: [String] = []
    var polylines = 0
    var markers = 0
    var texts: [String] = []
    private var inText = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        if name == "rect", attributes["class"] == "phase-band" { bands.append(attributes["data-phase"] ?? "") }
        if name == "polyline" { polylines += 1 }
        if name == "line", attributes["class"] == "marker" { markers += 1 }
        if name == "text" { inText = true; texts.append("") }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
}

func parseSVG(_ svg: String) throws -> SVGProbe {
    let parser = XMLParser(data: Data(svg.utf8))
    let probe = SVGProbe()
    parser.delegate = probe
    try #require(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    return probe
}

func sampleFigure(title: String = "add mod 31") -> ReportFigure {
    let loss = (0...100).map { (step: $0 * 100, value: 3 * Foundation.exp(-Double($0) / 10) + 1e-3) }
    var lmn = (0...100).map { (step: $0 * 100, value: 2 + 3 * Foundation.sin(Double($0) / 30)) }
    lmn[50].value = .nan  // a gap
    return ReportFigure(
        title: title, subtitle: "N = 128",
        stepRange: 0...10_000,
        panels: [
            .init(title: "loss", logScale: true, curves: [.init(label: "train", color: "#1f77b4", points: loss)]),
            .init(title: "LMN", curves: [.init(label: "LMN", color: "#d62728", points: lmn)]),
        ],
        bands: [
            .init(label: "memorization", color: "#ff7f0e", steps: 0...150),
            .init(label: "compression", color: "#9467bd", steps: 150...6050),
            .init(label: "generalization", color: "#2ca02c", steps: 6050...10_000),
        ],
        markers: [.init(label: "t_mem", step: 150), .init(label: "t_gen", step: 6050)])
}

@Test func svgIsWellFormedWithThreeBandsPerPanel() throws {
    let probe = try parseSVG(SVGFigureWriter.svg(sampleFigure()))
    #expect(probe.bands.count == 6)
    #expect(Set(probe.bands) == ["memorization", "compression", "generalization"])
    #expect(probe.markers == 2)
    // One polyline for the loss, two for the LMN curve split by its NaN gap.
    #expect(probe.polylines == 3)
}

@Test func svgEscapesUntrustedTitles() throws {
    let svg = SVGFigureWriter.svg(sampleFigure(title: "a<b & \"c\" \u{1B}[31m"))
    let probe = try parseSVG(svg)
    #expect(!svg.contains("\u{1B}"))
    #expect(probe.texts.contains("a<b & \"c\" \u{FFFD}[31m"))
}

@Test func gapsSplitCurves() {
    let points: [(step: Int, value: Double)] = [(0, 1), (1, .nan), (2, 3), (3, .infinity), (4, 5), (5, 6)]
    let runs = SVGFigureWriter.segments(points) { $0.isFinite ? $0 : nil }
    #expect(runs.map { $0.map(\.step) } == [[0], [2], [4, 5]])
}
