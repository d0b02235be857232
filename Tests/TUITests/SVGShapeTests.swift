import Foundation
import FoundationXML
import TUI
import Testing

/// Collects every element with its attributes, and the text inside `<text>` elements.
final class ShapeCollector: NSObject, XMLParserDelegate {
    var shapes: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var inText = false
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "text" {
            inText = true
            texts.append("")
        }
        if attributes["class"] == "glyph" { shapes.append((name, attributes)) }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }
}

/// The `s` screen SVG draws braille and block glyphs as shapes, each inside its own cell.
@Suite struct SVGShapeTests {
    let cellWidth = 8.4
    let cellHeight = 17.0

    func parse(_ svg: String) throws -> ShapeCollector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = ShapeCollector()
        parser.delegate = collector
        #expect(parser.parse(), "SVG must be well-formed")
        return collector
    }

    static func isShapeGlyph(_ s: Unicode.Scalar) -> Bool {
        (0x2800...0x28FF).contains(s.value) || (0x2580...0x259F).contains(s.value)
    }

    @Test(arguments: [GlyphSet.braille, .blocks])
    func glyphsBecomeShapesInsideTheirCells(glyphs: GlyphSet) throws {
        let model = DashboardFixtures.paperRun(cursor: 6_000, layerNorms: true)
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .trueColor), width: 120, height: 40, glyphs: glyphs)
        let svg = grid.svg(cellWidth: cellWidth, cellHeight: cellHeight)
        let parsed = try parse(svg)
        // No braille or block code point is left to a font.
        for text in parsed.texts {
            #expect(!text.unicodeScalars.contains(where: Self.isShapeGlyph), "text node \(text)")
        }
        #expect(!parsed.shapes.isEmpty)
        // Every shape lies inside a cell that holds such a glyph (so inside its chart's plot box).
        var perCell: [Int: Int] = [:]
        for shape in parsed.shapes {
            let a = shape.attributes.mapValues { Double($0) ?? .nan }
            let (x0, y0, x1, y1): (Double, Double, Double, Double)
            if shape.name == "circle" {
                let (cx, cy, r) = (a["cx"]!, a["cy"]!, a["r"]!)
                (x0, y0, x1, y1) = (cx - r, cy - r, cx + r, cy + r)
            } else {
                (x0, y0) = (a["x"]!, a["y"]!)
                (x1, y1) = (x0 + a["width"]!, y0 + a["height"]!)
            }
            let col = Int((x0 + 1e-6) / cellWidth)
            let row = Int((y0 + 1e-6) / cellHeight)
            let glyph = grid[col, row].glyph
            #expect(Self.isShapeGlyph(glyph), "shape at (\(x0), \(y0)) lies over '\(glyph)'")
            let cellX = Double(col) * cellWidth
            let cellY = Double(row) * cellHeight
            let inside =
                x0 >= cellX - 0.01 && x1 <= cellX + cellWidth + 0.01 && y0 >= cellY - 0.01
                && y1 <= cellY + cellHeight + 0.01
            #expect(inside, "shape (\(x0),\(y0))–(\(x1),\(y1)) leaves cell \(col),\(row)")
            perCell[row * grid.width + col, default: 0] += 1
        }
        if glyphs == .braille {
            // One dot per set braille bit, in every braille cell.
            for (i, cell) in grid.cells.enumerated() where (0x2801...0x28FF).contains(cell.glyph.value) {
                #expect(perCell[i] == (cell.glyph.value - 0x2800).nonzeroBitCount)
            }
        }
    }

    /// Control: ordinary text stays text.
    @Test func textStaysText() throws {
        var grid = CellGrid(width: 10, height: 1)
        grid.write("abc ⣿", x: 0, y: 0)
        let parsed = try parse(grid.svg())
        #expect(parsed.texts.joined().contains("abc"))
        #expect(parsed.shapes.count == 8)  // ⣿ = eight dots
    }
}
