/// The stderr pane of `watch -- cmd`: a box over the lower part of the charts with the child's last
/// lines (newest at the bottom), every line sanitized — a trainer's stderr is untrusted text too.
enum LogPane {
    static func draw(_ pane: LogPaneModel, in grid: inout CellGrid, palette: Palette, glyphs: GlyphSet) {
        let width = grid.width
        // At most 12 lines of text, never more than half the screen, above the footer rows.
        let height = min(max(3, grid.height / 2), 14)
        guard width >= 10, grid.height >= height + 3 else { return }
        let y0 = grid.height - height - 2
        let body = palette.filled(.helpOverlay, text: .text)
        grid.fill(x: 0, y: y0, width: width, height: height, with: Cell(" ", style: body))
        Overlays.drawBox(in: &grid, rect: Rect(x: 0, y: y0, width: width, height: height), style: body, glyphs: glyphs)
        var title = body
        title.foreground = palette.color(.title)
        title.attributes.insert(.bold)
        grid.write(untrusted: " \(pane.title) ", x: 2, y: y0, style: title, maxWidth: width - 4)
        let room = height - 2
        let shown = pane.lines.suffix(room)
        if shown.isEmpty {
            grid.write("(nothing on stderr yet)", x: 2, y: y0 + 1, style: palette.style(.dimText), maxWidth: width - 4)
        }
        for (i, line) in shown.enumerated() {
            grid.write(untrusted: line, x: 2, y: y0 + 1 + i, style: body, maxWidth: width - 4)
        }
    }
}
