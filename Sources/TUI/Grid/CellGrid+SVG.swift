import TextFormat

/// SVG export of a grid, for slides: one `<text>` per run of same-styled cells on a row, a `<rect>`
/// per run of non-default background. Monospace font; every text node is XML-escaped. Braille dots
/// and block elements are drawn as vector shapes inside their cell (`GlyphShapes`), never as text:
/// their width in the viewer's fallback font would push curves out of their charts.
extension CellGrid {
    /// - Parameters:
    ///   - defaultForeground/defaultBackground: what `.terminalDefault` means on the slide.
    ///   - cellWidth/cellHeight: pixel size of one cell.
    public func svg(
        defaultForeground: String = "#d0d0d0", defaultBackground: String = "#1c1c1c",
        cellWidth: Double = 8.4, cellHeight: Double = 17, fontSize: Double = 14
    ) -> String {
        let pixelWidth = Double(width) * cellWidth
        let pixelHeight = Double(height) * cellHeight
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(pixelWidth))" height="\(fmt(pixelHeight))" \
            viewBox="0 0 \(fmt(pixelWidth)) \(fmt(pixelHeight))">
            <rect x="0" y="0" width="\(fmt(pixelWidth))" height="\(fmt(pixelHeight))" fill="\(defaultBackground)"/>
            <g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="\(fmt(fontSize))" \
            xml:space="preserve">

            """
        for row in 0..<height {
            var col = 0
            while col < width {
                let style = self[col, row].style
                let start = col
                var text = ""
                var shapes = ""
                let (fg, bg) = colors(style, defaultForeground, defaultBackground)
                let opacity = style.attributes.contains(.dim) ? " fill-opacity=\"0.6\"" : ""
                while col < width, self[col, row].style == style {
                    let glyph = self[col, row].glyph
                    let cell = GlyphShapes.Box(
                        x: Double(col) * cellWidth, y: Double(row) * cellHeight, width: cellWidth, height: cellHeight)
                    let drawn = GlyphShapes.svg(for: glyph, in: cell, fill: fg, extra: opacity, format: fmt)
                    if let drawn {
                        shapes += drawn
                        text.unicodeScalars.append(" ")
                    } else {
                        text.unicodeScalars.append(glyph)
                    }
                    col += 1
                }
                let x = Double(start) * cellWidth
                let y = Double(row) * cellHeight
                if bg != defaultBackground {
                    out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(Double(col - start) * cellWidth))\" "
                    out += "height=\"\(fmt(cellHeight))\" fill=\"\(bg)\"/>\n"
                }
                out += shapes
                guard text.unicodeScalars.contains(where: { $0 != " " }) else { continue }
                var attrs = "x=\"\(fmt(x))\" y=\"\(fmt(y + cellHeight * 0.78))\" fill=\"\(fg)\""
                attrs += " textLength=\"\(fmt(Double(col - start) * cellWidth))\""
                if style.attributes.contains(.bold) { attrs += " font-weight=\"bold\"" }
                if style.attributes.contains(.dim) { attrs += " fill-opacity=\"0.6\"" }
                if style.attributes.contains(.underline) { attrs += " text-decoration=\"underline\"" }
                out += "<text \(attrs)>\(Self.xmlEscaped(text))</text>\n"
            }
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// XML-escaped text for the SVG export (`XMLText.escaped`, shared with the report figures).
    public static func xmlEscaped(_ text: String) -> String { XMLText.escaped(text) }

    private func colors(_ style: CellStyle, _ dfg: String, _ dbg: String) -> (String, String) {
        var fg = style.foreground.svgHex ?? dfg
        var bg = style.background.svgHex ?? dbg
        if style.attributes.contains(.reverse) { swap(&fg, &bg) }
        return (fg, bg)
    }

    private func fmt(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension TerminalColor {
    /// "#rrggbb" for SVG; nil for the terminal default.
    public var svgHex: String? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let i): return ColorQuantizer.rgb(ofIndex: i).hex
        case .rgb(let r, let g, let b): return RGB(r, g, b).hex
        }
    }
}
