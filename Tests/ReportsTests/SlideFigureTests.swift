import Foundation
import FoundationXML
import Phases
import Reports
import TUI
import Testing

/// Reads the root size and every band's fill.
final class SlideProbe: NSObject, XMLParserDelegate {
    var size: (Double, Double)?
    var bandFills: [String] = []
    var panels = 0
    var markerLines = 0
    var polylineXs: [Double] = []
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "svg" { size = (Double(attributes["width"] ?? "") ?? 0, Double(attributes["height"] ?? "") ?? 0) }
        if name == "rect", attributes["class"] == "phase-band" { bandFills.append(attributes["fill"] ?? "") }
        if name == "g", attributes["class"] == "panel" { panels += 1 }
        if name == "line", attributes["class"] == "marker" { markerLines += 1 }
        if name == "polyline" {
            for pair in (attributes["points"] ?? "").split(separator: " ") {
                if let x = Double(pair.split(separator: ",")[0]) { polylineXs.append(x) }
            }
        }
    }
}

@Suite struct SlideFigureTests {
    func probe(_ svg: String) throws -> SlideProbe {
        let parser = XMLParser(data: Data(svg.utf8))
        let probe = SlideProbe()
        parser.delegate = probe
        try #require(parser.parse())
        return probe
    }

    func figure(colors: [Phase: String]?) -> ReportFigure {
        var figure = sampleFigure()
        figure.panels += figure.panels  // four panels, as a real run has
        if let colors {
            for i in figure.bands.indices {
                figure.bands[i].color = colors[Phase(rawValue: figure.bands[i].label)!]!
            }
        }
        return figure
    }

    @Test func slideIsLandscapeSixteenByNineInTheThemesPhaseColours() throws {
        let colors = FigureBuilder.phaseColors(of: .builtinDefault)
        #expect(colors[.memorization] != FigureBuilder.phaseColors[.memorization])  // the theme's own
        let slide = try probe(SVGFigureWriter.svg(figure(colors: colors), layout: .slide))
        let size = try #require(slide.size)
        #expect(size.0 == 1920 && size.1 == 1080)
        #expect(abs(size.0 / size.1 - 16.0 / 9) < 1e-9)
        #expect(slide.panels == 4)
        #expect(slide.markerLines == 8)  // t_mem and t_gen on each panel
        // Every band in the theme's colour for its phase (the sample has no "memorized" stretch).
        #expect(Set(slide.bandFills) == Set(sampleFigure().bands.map { colors[Phase(rawValue: $0.label)!]! }))
        #expect(slide.polylineXs.allSatisfy { $0 >= 0 && $0 <= 1920 })
        // Control: the page layout is portrait-ish and keeps the figure's own colours.
        let page = try probe(SVGFigureWriter.svg(figure(colors: nil)))
        let pageSize = try #require(page.size)
        #expect(pageSize.0 == 960 && pageSize.1 > pageSize.0)
        #expect(!Set(page.bandFills).contains(colors[.memorization]!))
    }
}
