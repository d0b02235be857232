import TextFormat

/// A line chart: a title row (current values, min/max), then the plot with y-axis labels on the
/// left. Returns where the plot columns are, so the phase band below can line up with them.
enum LineChart {
    struct Context {
        var steps: ClosedRange<Int>
        var stepScale: StepScale
        var palette: Palette
        var glyphs: GlyphSet
        var markers: [StepMarker]
        var cursorStep: Int?
    }

    /// Draws `chart` into `rect` (title row + plot rows). Returns the plot's column span.
    @discardableResult
    static func draw(_ chart: ChartModel, in grid: inout CellGrid, rect: Rect, context: Context) -> (x: Int, width: Int)
    {
        guard rect.width >= 8, rect.height >= 2 else { return (rect.x, 0) }
        let (titleRect, plotRect) = rect.splitTop(1)
        let scale = YScale.fit(chart.series, steps: context.steps, logY: chart.logY, override: chart.yRange)
        let tickCount = max(2, plotRect.height / 3 + 1)
        let ticks = plotRect.height >= 2 ? scale.ticks(count: tickCount) : []
        let tickStep = ticks.count >= 2 ? ticks[1] - ticks[0] : max(1e-12, scale.upper - scale.lower)
        let labels = ticks.map { label(for: $0, step: tickStep, chart: chart, scale: scale) }
        let labelWidth = min(8, max(3, labels.map { DisplayWidth.width(of: $0) }.max() ?? 3))
        let plotX = plotRect.x + labelWidth + 1
        let plotWidth = plotRect.maxX - plotX
        drawTitle(chart, in: &grid, rect: titleRect, context: context)
        guard plotWidth > 0 else { return (plotX, 0) }

        let axisStyle = context.palette.style(.axis)
        for (tick, text) in zip(ticks, labels) {
            guard let f = scale.fraction(tick) else { continue }
            let row = plotRect.y + Int(((1 - f) * Double(plotRect.height - 1)).rounded())
            let padded = String(repeating: " ", count: max(0, labelWidth - DisplayWidth.width(of: text))) + text
            grid.write(padded, x: plotRect.x, y: row, style: axisStyle, maxWidth: labelWidth)
            grid.set(plotRect.x + labelWidth, row, Cell(context.glyphs.isUnicode ? "┤" : "+", style: axisStyle))
        }
        for row in plotRect.y..<plotRect.maxY where grid[plotRect.x + labelWidth, row].glyph == " " {
            grid.set(plotRect.x + labelWidth, row, Cell(context.glyphs.vertical, style: axisStyle))
        }

        // Markers and cursor first, as background lines the data draws over.
        func column(_ step: Int) -> Int? { context.stepScale.column(step, width: plotWidth).map { plotX + $0 } }
        for marker in context.markers {
            guard let cx = column(marker.step) else { continue }
            let style = context.palette.style(marker.role).with(.dim)
            for row in plotRect.y..<plotRect.maxY { grid.set(cx, row, Cell(context.glyphs.markerLine, style: style)) }
        }
        if let cursorStep = context.cursorStep, let cx = column(cursorStep) {
            let style = context.palette.style(.cursor)
            for row in plotRect.y..<plotRect.maxY { grid.set(cx, row, Cell(context.glyphs.cursorLine, style: style)) }
        }

        var canvas = PlotCanvas(width: plotWidth, height: plotRect.height, glyphs: context.glyphs)
        var styles: [CellStyle] = []
        // Without colour a dotted pattern tells test from train; with colour every line is solid.
        let patterned = !context.palette.hasColor
        for (i, series) in chart.series.enumerated() {
            let style = seriesStyle(series, index: i, chart: chart, palette: context.palette)
            let dotted = patterned && series.pattern == .dotted
            if let raw = series.raw {
                styles.append(style.with(.dim))
                canvas.plot(raw, steps: context.stepScale, scale: scale, styleIndex: styles.count - 1, dotted: dotted)
            }
            styles.append(style)
            canvas.plot(
                series.points, steps: context.stepScale, scale: scale, styleIndex: styles.count - 1, dotted: dotted)
        }
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                if let (glyph, styleIndex) = canvas.cell(x: x, y: y) {
                    grid.set(plotX + x, plotRect.y + y, Cell(glyph, style: styles[styleIndex]))
                }
            }
        }
        let divergence = context.palette.style(.divergence)
        for x in canvas.divergenceColumns {
            grid.set(plotX + x, plotRect.y, Cell(context.glyphs.divergenceMark, style: divergence))
        }
        return (plotX, plotWidth)
    }

    private static func label(for tick: Double, step: Double, chart: ChartModel, scale: YScale) -> String {
        if chart.valueFormat == .percent && !scale.isLog {
            return ValueText.percent(tick).replacingOccurrences(of: "%", with: "")
        }
        return scale.isLog ? ValueText.compact(tick) : ValueText.tick(tick, step: step)
    }

    /// Layer norms (several series of one role) cycle through distinct series colours.
    static let layerRoles: [ThemeRole] = [.layerNorm, .l2, .lmn, .trainLoss, .testLoss, .otherSeries]

    static func seriesStyle(_ series: SeriesModel, index: Int, chart: ChartModel, palette: Palette) -> CellStyle {
        guard series.role == .layerNorm else { return palette.style(series.role) }
        return palette.style(layerRoles[index % layerRoles.count])
    }

    /// The legend mark of a series: a bullet, or (mono) its line pattern.
    static func bullet(_ series: SeriesModel, context: Context) -> String {
        if !context.palette.hasColor && series.pattern == .dotted { return context.glyphs.isUnicode ? "┄" : ":" }
        return String(Character(context.glyphs.bullet))
    }

    /// "Loss nats log ■train 0.012 ■test 1.23  min 0.41 max 4.62" — clipped to the width. Legend
    /// values are the latest raw values; a smoothed line is flagged "EMA w".
    private static func drawTitle(_ chart: ChartModel, in grid: inout CellGrid, rect: Rect, context: Context) {
        let p = context.palette
        var x = rect.x
        let end = rect.maxX
        func put(_ text: String, _ style: CellStyle) {
            guard x < end else { return }
            x += grid.write(text, x: x, y: rect.y, style: style, maxWidth: end - x)
        }
        var titleStyle = p.style(.title)
        if chart.isFocused { titleStyle = titleStyle.with([.underline, .bold]) }
        let title = chart.isFocused ? (context.glyphs.isUnicode ? "▸" : ">") + chart.title : chart.title
        // Flags after the title ("nats", "log", "EMA 0.9") give way to the legend values when narrow:
        // "log" first (the tick labels show decades), then the unit; the smoothing flag always stays.
        let unitFlag = chart.unit
        let logFlag: String? = chart.logY ? "log" : nil
        let emaFlag: String? = chart.smoothing > 0 ? "EMA " + ValueText.compact(chart.smoothing) : nil
        let legendWidth = chart.series.enumerated().reduce(0) { sum, item in
            let value = item.element.legendValue.map { format($0, chart) } ?? "—"
            return sum
                + DisplayWidth.width(of: " " + bullet(item.element, context: context) + item.element.name + " " + value)
        }
        let available = end - x - DisplayWidth.width(of: title) - legendWidth
        func width(_ flags: [String?]) -> Int {
            flags.compactMap { $0 }.reduce(0) { $0 + 1 + DisplayWidth.width(of: $1) }
        }
        var flags: [String?] = [unitFlag, logFlag, emaFlag]
        if width(flags) > available { flags[1] = nil }
        if width(flags) > available { flags[0] = nil }
        put(title, titleStyle)
        for flag in flags.compactMap({ $0 }) { put(" " + flag, p.style(.dimText)) }
        var lo = Double.infinity
        var hi = -Double.infinity
        for (i, series) in chart.series.enumerated() {
            for point in series.points where context.steps.contains(point.step) && point.value.isFinite {
                lo = min(lo, point.value)
                hi = max(hi, point.value)
            }
            let value = series.legendValue.map { format($0, chart) } ?? "—"
            let diverged = series.points.last.map { !$0.value.isFinite } ?? false
            let mark = bullet(series, context: context)
            let piece = " " + mark + series.name + " " + value
            guard x + DisplayWidth.width(of: piece) <= end else { break }
            put(" ", p.style(.text))
            put(mark, seriesStyle(series, index: i, chart: chart, palette: p))
            put(series.name + " ", p.style(.dimText))
            put(value, seriesStyle(series, index: i, chart: chart, palette: p))
            if diverged { put(String(Character(context.glyphs.divergenceMark)), p.style(.divergence)) }
        }
        if lo <= hi {
            let range = "  min " + format(lo, chart) + " max " + format(hi, chart)
            if x + DisplayWidth.width(of: range) <= end { put(range, p.style(.dimText)) }
        }
        // The visible step window, right-aligned, when there is room (the axis row has the ticks).
        let window =
            "steps " + ValueText.steps(context.steps.lowerBound) + "–" + ValueText.steps(context.steps.upperBound)
            + (context.stepScale.isLog ? " log" : "")
        let windowWidth = DisplayWidth.width(of: window)
        if end - x >= windowWidth + 2 {
            grid.write(window, x: end - windowWidth, y: rect.y, style: p.style(.axis))
        }
    }

    static func format(_ v: Double, _ chart: ChartModel) -> String {
        chart.valueFormat == .percent ? ValueText.percent(v) : ValueText.compact(v)
    }
}
