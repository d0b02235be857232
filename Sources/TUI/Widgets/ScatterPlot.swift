import TextFormat

/// One scatter of the compression window: a title row ("vs LMN r² 0.96 lin 0.98"), the plot with
/// test-loss labels on the left, and an x-axis row (min … name … max). Dots are drawn over the
/// least-squares line; the older half of the dots is dim, the newest dot bold.
enum ScatterPlot {
    static func draw(
        _ plot: ScatterPanelModel.Plot, in grid: inout CellGrid, rect: Rect, palette: Palette, glyphs: GlyphSet
    ) {
        guard rect.width >= 12, rect.height >= 2 else { return }
        drawTitle(plot, in: &grid, rect: rect, palette: palette)
        guard rect.height >= 5 else { return }
        let plotRows = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 2)
        let finite = plot.points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let xRange = range(finite.map(\.x)), let yRange = range(finite.map(\.y)) else {
            grid.write(
                "no dots yet", x: plotRows.x + 1, y: plotRows.y, style: palette.style(.dimText),
                maxWidth: plotRows.width - 1)
            return
        }
        let yLabels = [ValueText.compact(yRange.upperBound), ValueText.compact(yRange.lowerBound)]
        let labelWidth = min(6, yLabels.map { DisplayWidth.width(of: $0) }.max() ?? 3)
        let axis = palette.style(.axis)
        let plotX = plotRows.x + labelWidth + 1
        let area = Rect(x: plotX, y: plotRows.y, width: plotRows.maxX - plotX, height: plotRows.height)
        grid.write(yLabels[0], x: plotRows.x, y: area.y, style: axis, maxWidth: labelWidth)
        grid.write(yLabels[1], x: plotRows.x, y: area.maxY - 1, style: axis, maxWidth: labelWidth)
        for row in area.y..<area.maxY { grid.set(plotX - 1, row, Cell(glyphs.vertical, style: axis)) }

        var canvas = ScatterCanvas(width: area.width, height: area.height, glyphs: glyphs, x: xRange, y: yRange)
        if let line = plot.line { canvas.drawLine(slope: line.slope, intercept: line.intercept) }
        for (i, p) in finite.enumerated() {
            let level: ScatterCanvas.Level = i == finite.count - 1 ? .newest : (2 * i < finite.count ? .old : .recent)
            canvas.dot(x: p.x, y: p.y, level: level)
        }
        let role = palette.style(plot.role)
        for y in 0..<area.height {
            for x in 0..<area.width {
                guard let (glyph, level) = canvas.cell(x: x, y: y) else { continue }
                let style: CellStyle
                switch level {
                case .line: style = axis
                case .old: style = role.with(.dim)
                case .recent: style = role
                case .newest: style = role.with(.bold)
                }
                grid.set(area.x + x, area.y + y, Cell(glyph, style: style))
            }
        }
        drawXAxis(plot, xRange: xRange, in: &grid, x: area.x, y: rect.maxY - 1, width: area.width, palette: palette)
    }

    /// "vs LMN  r² 0.96  lin 0.98", shortened when narrow.
    private static func drawTitle(_ plot: ScatterPanelModel.Plot, in grid: inout CellGrid, rect: Rect, palette: Palette)
    {
        let r2 = plot.linearR2.map { fixed($0) } ?? "—"
        let score = plot.score.map { fixed($0) } ?? "—"
        let long = [
            ("test loss vs " + plot.xName, ThemeRole.title), ("  r² ", .dimText), (r2, plot.role),
            ("  linearity ", .dimText), (score, plot.role),
        ]
        let short = [
            ("vs " + plot.xName, ThemeRole.title), (" r² ", .dimText), (r2, plot.role),
            (" lin ", .dimText), (score, plot.role),
        ]
        let width = { (parts: [(String, ThemeRole)]) in parts.reduce(0) { $0 + DisplayWidth.width(of: $1.0) } }
        let parts = width(long) <= rect.width ? long : short
        var x = rect.x
        for (text, role) in parts where x < rect.maxX {
            x += grid.write(text, x: x, y: rect.y, style: palette.style(role), maxWidth: rect.maxX - x)
        }
    }

    private static func drawXAxis(
        _ plot: ScatterPanelModel.Plot, xRange: ClosedRange<Double>, in grid: inout CellGrid, x: Int, y: Int,
        width: Int, palette: Palette
    ) {
        let low = ValueText.compact(xRange.lowerBound)
        let high = ValueText.compact(xRange.upperBound)
        let style = palette.style(.axis)
        grid.write(low, x: x, y: y, style: style, maxWidth: width)
        let highWidth = DisplayWidth.width(of: high)
        let lowEnd = x + DisplayWidth.width(of: low)
        if x + width - highWidth > lowEnd { grid.write(high, x: x + width - highWidth, y: y, style: style) }
        let name = plot.xName
        let nameWidth = DisplayWidth.width(of: name)
        let nameX = x + (width - nameWidth) / 2
        if nameX > lowEnd + 1 && nameX + nameWidth < x + width - highWidth - 1 {
            grid.write(name, x: nameX, y: y, style: palette.style(.dimText))
        }
    }

    /// The finite extent, widened when flat so a single value still lands mid-plot.
    static func range(_ values: [Double]) -> ClosedRange<Double>? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        if hi - lo <= 1e-12 * max(1, abs(hi)) {
            let pad = abs(hi) > 0 ? abs(hi) * 0.1 : 1
            return (lo - pad)...(hi + pad)
        }
        return lo...hi
    }

    static func fixed(_ v: Double) -> String {
        guard v.isFinite else { return ValueText.compact(v) }
        let hundredths = Int((v * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let a = abs(hundredths)
        return sign + "\(a / 100)." + (a % 100 < 10 ? "0" : "") + "\(a % 100)"
    }
}
