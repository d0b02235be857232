/// The scatter panel: a title row naming the window, then one `ScatterPlot` per measure, side by side
/// (`stacked == false`, in the chart area) or one above the other (in the side panel).
enum ScatterPanel {
    /// Rows a stacked panel needs to be worth drawing: title + two plots of 6 rows.
    static let minimumStackedHeight = 13

    static func draw(
        _ model: ScatterPanelModel?, in grid: inout CellGrid, rect: Rect, stacked: Bool, palette: Palette,
        glyphs: GlyphSet
    ) {
        guard rect.height >= 2, rect.width >= 12 else { return }
        let (titleRect, body) = rect.splitTop(1)
        var x = titleRect.x
        x += grid.write(
            "Test loss vs LMN, L2", x: x, y: titleRect.y, style: palette.style(.title), maxWidth: titleRect.width)
        guard let model else {
            grid.write(
                "waiting for t_mem: the scatter covers the compression window", x: body.x, y: body.y,
                style: palette.style(.dimText), maxWidth: body.width)
            return
        }
        let window = "  " + model.window
        if titleRect.maxX - x >= DisplayWidth.width(of: window) {
            grid.write(window, x: x, y: titleRect.y, style: palette.style(.dimText))
        }
        guard !model.plots.isEmpty else { return }
        let rects =
            stacked
            ? body.rows(model.plots.count).map { Rect(x: $0.x, y: $0.y, width: $0.width, height: $0.height - 1) }
            : body.columns(model.plots.count, gap: 2)
        for (plot, plotRect) in zip(model.plots, rects) {
            ScatterPlot.draw(plot, in: &grid, rect: plotRect, palette: palette, glyphs: glyphs)
        }
    }
}
