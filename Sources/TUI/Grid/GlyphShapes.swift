/// Braille and block-element glyphs as SVG shapes inside their cell, for the screen export: a font
/// that lacks them (or draws them wider than a cell) can no longer move a curve out of its chart.
enum GlyphShapes {
    struct Box {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
    }

    /// Whether `glyph` is drawn as shapes (U+2800–28FF braille, U+2580–259F block elements).
    static func isShape(_ glyph: Unicode.Scalar) -> Bool {
        (0x2800...0x28FF).contains(glyph.value) || (0x2580...0x259F).contains(glyph.value)
    }

    /// SVG elements for `glyph` in `cell` (class "glyph"), or nil for ordinary text glyphs.
    static func svg(
        for glyph: Unicode.Scalar, in cell: Box, fill: String, extra: String = "", format: (Double) -> String
    ) -> String? {
        guard isShape(glyph) else { return nil }
        var out = ""
        // Corners rounded to the output precision first, so rounding never pushes an edge out of the cell.
        func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        func rect(_ fx: Double, _ fy: Double, _ fw: Double, _ fh: Double, opacity: String = "") {
            let x0 = round2(cell.x + fx * cell.width)
            let y0 = round2(cell.y + fy * cell.height)
            let x1 = round2(cell.x + (fx + fw) * cell.width)
            let y1 = round2(cell.y + (fy + fh) * cell.height)
            out += "<rect class=\"glyph\" x=\"\(format(x0))\" y=\"\(format(y0))\" width=\"\(format(x1 - x0))\" "
            out += "height=\"\(format(y1 - y0))\" fill=\"\(fill)\"\(opacity.isEmpty ? extra : opacity)/>\n"
        }
        let v = glyph.value
        if v >= 0x2800 && v <= 0x28FF {
            let bits = UInt8(v - 0x2800)
            // Dot numbering of the Unicode braille block: (bit, column, row).
            let dots: [(UInt8, Double, Double)] = [
                (0x01, 0, 0), (0x02, 0, 1), (0x04, 0, 2), (0x40, 0, 3),
                (0x08, 1, 0), (0x10, 1, 1), (0x20, 1, 2), (0x80, 1, 3),
            ]
            let r = min(cell.width * 0.16, cell.height * 0.09)
            for (bit, column, row) in dots where bits & bit != 0 {
                let cx = cell.x + cell.width * (0.3 + 0.4 * column)
                let cy = cell.y + cell.height * (0.125 + 0.25 * row)
                out += "<circle class=\"glyph\" cx=\"\(format(cx))\" cy=\"\(format(cy))\" r=\"\(format(r))\" "
                out += "fill=\"\(fill)\"\(extra)/>\n"
            }
            return out
        }
        switch v {
        case 0x2580: rect(0, 0, 1, 0.5)  // ▀
        case 0x2581...0x2588:  // ▁…█ lower n eighths
            let n = Double(v - 0x2580) / 8
            rect(0, 1 - n, 1, n)
        case 0x2589...0x258F:  // ▉…▏ left 7/8 … 1/8
            rect(0, 0, Double(0x2590 - v) / 8, 1)
        case 0x2590: rect(0.5, 0, 0.5, 1)  // ▐
        case 0x2591...0x2593:  // ░ ▒ ▓
            rect(0, 0, 1, 1, opacity: " fill-opacity=\"\(format(Double(v - 0x2590) * 0.25))\"")
        case 0x2594: rect(0, 0, 1, 0.125)  // ▔
        case 0x2595: rect(0.875, 0, 0.125, 1)  // ▕
        default:  // ▖…▟ quadrants: lower-left, lower-right, upper-left, upper-right
            let quadrants: [UInt32: [(Double, Double)]] = [
                0x2596: [(0, 0.5)], 0x2597: [(0.5, 0.5)], 0x2598: [(0, 0)],
                0x2599: [(0, 0), (0, 0.5), (0.5, 0.5)], 0x259A: [(0, 0), (0.5, 0.5)],
                0x259B: [(0, 0), (0.5, 0), (0, 0.5)], 0x259C: [(0, 0), (0.5, 0), (0.5, 0.5)],
                0x259D: [(0.5, 0)], 0x259E: [(0.5, 0), (0, 0.5)], 0x259F: [(0.5, 0), (0, 0.5), (0.5, 0.5)],
            ]
            for (qx, qy) in quadrants[v] ?? [] { rect(qx, qy, 0.5, 0.5) }
        }
        return out
    }
}
