import TextFormat

/// Renders a `DashboardModel` into a `CellGrid`: a pure function of the model, theme palette, size
/// and glyph set (no clock, no environment), which is what makes golden tests possible.
///
/// Layout (see docs/decisions.md): header row; charts in a 2×2 grid, each a title row,
/// plot rows, a step axis and a phase band; a stats row and a sparkline row; the footer. From 100×30 a side
/// panel holds the compression statistics, cursor readout, events and the phase legend (below that,
/// the legend shares the stats row when there is room); from 36 rows the per-layer norms chart (when
/// on) gets a row of its own.
/// The scatter (its key) stacks in the side panel when wide, and otherwise takes the lower row of charts.
public enum DashboardRenderer {
    /// The smallest screen the dashboard is drawn on; below it, the "too small" screen.
    public static let minimumSize = (width: 60, height: 16)

    public static func render(
        _ model: DashboardModel, palette: Palette, width: Int, height: Int, glyphs: GlyphSet,
        keyMap: KeyMap = .standard
    ) -> CellGrid {
        var grid = CellGrid(
            width: width, height: height, fill: Cell(" ", style: CellStyle(background: palette.background)))
        guard width >= minimumSize.width, height >= minimumSize.height else {
            Overlays.drawTooSmall(in: &grid, need: minimumSize, palette: palette)
            return finish(grid, glyphs: glyphs)
        }
        HeaderBar.draw(
            model.header, isPaused: model.isPaused, in: &grid, y: 0, width: width, palette: palette, glyphs: glyphs)
        let hints = model.keyHints.isEmpty ? keyMap.footerHints : model.keyHints
        FooterBar.draw(
            hints: hints, status: model.statusMessage, in: &grid, y: height - 1, width: width, palette: palette)

        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        let (chartArea, bottom) = body.splitBottom(2)
        let wide = width >= 100 && height >= 30
        var chartsRect = chartArea
        if wide {
            let panelWidth = width >= 120 ? 30 : 26
            chartsRect = Rect(x: 0, y: chartArea.y, width: width - panelWidth - 2, height: chartArea.height)
            let panel = Rect(x: width - panelWidth, y: chartArea.y, width: panelWidth, height: chartArea.height)
            if model.showScatter {
                drawScatterSidePanel(model, in: &grid, rect: panel, palette: palette, glyphs: glyphs)
            } else {
                drawSidePanel(model, in: &grid, rect: panel, palette: palette)
            }
        }
        let steps = visibleSteps(model)
        if model.showScatter && !wide {
            let (top, lower) = chartsRect.splitBottom(chartsRect.height / 2)
            var upper = model
            upper.charts = Array(model.charts.prefix(2))
            upper.showLayerNorms = false
            drawCharts(upper, in: &grid, rect: top, steps: steps, palette: palette, glyphs: glyphs)
            ScatterPanel.draw(model.scatter, in: &grid, rect: lower, stacked: false, palette: palette, glyphs: glyphs)
        } else {
            drawCharts(model, in: &grid, rect: chartsRect, steps: steps, palette: palette, glyphs: glyphs)
        }

        let statsRow = bottom.y
        if !wide {
            var items =
                model.cursor.map(StatsPanel.cursorItems)
                ?? model.compression.map { StatsPanel.compressionItems($0, short: true) } ?? []
            let legend = StatsPanel.phaseLegendItems(model.phases)
            if StatsPanel.rowWidth(items + legend) <= width { items += legend }  // all of it, or none
            StatsPanel.drawRow(items, in: &grid, x: 0, y: statsRow, width: width, palette: palette)
        } else {
            grid.write(
                "steps " + ValueText.steps(steps.lowerBound) + "–" + ValueText.steps(steps.upperBound), x: 0,
                y: statsRow, style: palette.style(.dimText))
        }
        drawSparklines(model, in: &grid, y: statsRow + 1, width: width, palette: palette, glyphs: glyphs)

        if let pane = model.logPane { LogPane.draw(pane, in: &grid, palette: palette, glyphs: glyphs) }
        if model.isHelpVisible {
            var explanation = Overlays.explanation(probeSize: model.header.probeSize)
            let budget = min(width - 4, explanation.map { DisplayWidth.width(of: $0) }.max() ?? 0)
            if let line = HelpSeriesLine.text(model.extraSeries, maxWidth: budget) { explanation.append(line) }
            Overlays.drawHelp(
                keyMap, explanation: explanation, in: &grid,
                palette: palette, glyphs: glyphs)
        }
        return finish(grid, glyphs: glyphs)
    }

    /// Convenience: resolve the theme for a colour depth first.
    public static func render(
        _ model: DashboardModel, theme: Theme, depth: ColorDepth, width: Int, height: Int, glyphs: GlyphSet
    ) -> CellGrid {
        render(model, palette: theme.palette(for: depth), width: width, height: height, glyphs: glyphs)
    }

    /// The step window: the model's, or all steps present in any chart.
    static func visibleSteps(_ model: DashboardModel) -> ClosedRange<Int> {
        if let v = model.visibleSteps { return v.lowerBound...max(v.upperBound, v.lowerBound + 1) }
        var lo = Int.max
        var hi = Int.min
        for chart in model.charts + (model.layerNorms.map { [$0] } ?? []) {
            for series in chart.series {
                if let first = series.points.first { lo = min(lo, first.step) }
                if let last = series.points.last { hi = max(hi, last.step) }
            }
        }
        guard lo <= hi else { return 0...1 }
        return lo...max(hi, lo + 1)
    }

    /// The side panel with the scatter on: compression statistics, the cursor, then the scatter.
    private static func drawScatterSidePanel(
        _ model: DashboardModel, in grid: inout CellGrid, rect: Rect, palette: Palette, glyphs: GlyphSet
    ) {
        var y = rect.y
        if let compression = model.compression {
            y +=
                StatsPanel.drawColumn(
                    "Compression window", StatsPanel.compressionItems(compression), in: &grid,
                    rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), palette: palette) + 1
        }
        if let cursor = model.cursor, rect.maxY - y - ScatterPanel.minimumStackedHeight > cursor.values.count + 2 {
            y +=
                StatsPanel.drawColumn(
                    "Cursor", StatsPanel.cursorItems(cursor), in: &grid,
                    rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), palette: palette) + 1
        }
        ScatterPanel.draw(
            model.scatter, in: &grid, rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y),
            stacked: true, palette: palette, glyphs: glyphs)
    }

    private static func drawCharts(
        _ model: DashboardModel, in grid: inout CellGrid, rect: Rect, steps: ClosedRange<Int>, palette: Palette,
        glyphs: GlyphSet
    ) {
        var main = Array(model.charts.prefix(4))
        var area = rect
        if model.showLayerNorms, let norms = model.layerNorms {
            if rect.height >= 30 {
                let (top, last) = rect.splitBottom(rect.height / 3)
                area = top
                drawChartBlock(
                    norms, in: &grid, rect: last, model: model, steps: steps, palette: palette, glyphs: glyphs)
            } else if main.count >= 4 {
                main[3] = norms  // small screen: norms take the L2 slot
            } else {
                main.append(norms)
            }
        }
        guard !main.isEmpty else { return }
        let columnCount = main.count == 1 ? 1 : 2
        let rowCount = (main.count + columnCount - 1) / columnCount
        for (r, rowRect) in area.rows(rowCount).enumerated() {
            for (c, cellRect) in rowRect.columns(columnCount, gap: 2).enumerated() {
                let i = r * columnCount + c
                guard i < main.count else { continue }
                drawChartBlock(
                    main[i], in: &grid, rect: cellRect, model: model, steps: steps, palette: palette, glyphs: glyphs)
            }
        }
    }

    /// A chart with its phase band on the last row.
    private static func drawChartBlock(
        _ chart: ChartModel, in grid: inout CellGrid, rect: Rect, model: DashboardModel, steps: ClosedRange<Int>,
        palette: Palette, glyphs: GlyphSet
    ) {
        guard rect.height >= 3 else { return }
        var (chartRect, bandRect) = rect.splitBottom(1)
        let stepScale = StepScale(steps: steps, isLog: model.logX)
        // A step axis row under the plot when the chart keeps at least three plot rows.
        var axisRect: Rect?
        if chartRect.height >= 5 {
            let (top, axis) = chartRect.splitBottom(1)
            chartRect = top
            axisRect = axis
        }
        let context = LineChart.Context(
            steps: steps, stepScale: stepScale, palette: palette, glyphs: glyphs, markers: model.markers,
            cursorStep: model.cursor?.step)
        let plot = LineChart.draw(chart, in: &grid, rect: chartRect, context: context)
        if let axisRect {
            XAxis.draw(
                stepScale, in: &grid, x: plot.x, y: axisRect.y, width: plot.width, labelX: rect.x, palette: palette)
        }
        PhaseBand.draw(
            phases: model.phases, markers: model.markers, in: &grid, x: plot.x, y: bandRect.y, width: plot.width,
            labelX: rect.x, steps: stepScale, palette: palette, glyphs: glyphs)
    }

    private static func drawSidePanel(_ model: DashboardModel, in grid: inout CellGrid, rect: Rect, palette: Palette) {
        var y = rect.y
        if let compression = model.compression {
            y +=
                StatsPanel.drawColumn(
                    "Compression window", StatsPanel.compressionItems(compression), in: &grid,
                    rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), palette: palette) + 1
        }
        if let cursor = model.cursor {
            y +=
                StatsPanel.drawColumn(
                    "Cursor", StatsPanel.cursorItems(cursor), in: &grid,
                    rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), palette: palette) + 1
        }
        if !model.markers.isEmpty {
            let items = model.markers.map {
                StatsPanel.Item(label: $0.label, value: "step " + ValueText.steps($0.step), role: $0.role)
            }
            y +=
                StatsPanel.drawColumn(
                    "Events", items, in: &grid, rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y),
                    palette: palette) + 1
        }
        if !model.phases.isEmpty {
            let items = model.phases.map { p in
                StatsPanel.Item(
                    label: String(Character(p.phase.letter)) + " " + p.phase.label,
                    value: ValueText.steps(p.start) + "–" + (p.end.map { ValueText.steps($0 - 1) } ?? "now"),
                    role: p.phase.themeRole)
            }
            StatsPanel.drawColumn(
                "Phases", items, in: &grid, rect: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y),
                palette: palette)
        }
    }

    private static func drawSparklines(
        _ model: DashboardModel, in grid: inout CellGrid, y: Int, width: Int, palette: Palette, glyphs: GlyphSet
    ) {
        var lines = model.sparklines
        if lines.isEmpty {
            // One per chart, from its last series, labelled with the series ("test acc"); accuracy on a
            // fixed 0–100% scale so a flat 2% line does not look like a full bar.
            lines = model.charts.compactMap { chart in
                chart.series.last.map {
                    SparklineModel(
                        label: sparklineLabel(chart: chart, series: $0), role: $0.role,
                        values: $0.points.map(\.value), range: chart.yRange)
                }
            }
        }
        guard !lines.isEmpty else { return }
        for (rect, line) in zip(Rect(x: 0, y: y, width: width, height: 1).columns(lines.count, gap: 2), lines) {
            Sparkline.draw(line, in: &grid, x: rect.x, y: y, width: rect.width, palette: palette, glyphs: glyphs)
        }
    }

    static func sparklineLabel(chart: ChartModel, series: SeriesModel) -> String {
        let head = chart.title.split(separator: " ").first.map(String.init) ?? chart.title
        if chart.series.count == 1 { return head }
        let suffix = chart.valueFormat == .percent ? "acc" : head.lowercased()
        return series.name + " " + suffix + (chart.valueFormat == .percent ? " %" : "")
    }

    /// In ASCII mode, folds the few non-ASCII glyphs our own labels use, and anything else, to ASCII.
    private static func finish(_ grid: CellGrid, glyphs: GlyphSet) -> CellGrid {
        guard glyphs == .ascii else { return grid }
        var out = grid
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid[x, y].glyph.value >= 0x80 {
                var cell = grid[x, y]
                switch cell.glyph {
                case "×": cell.glyph = "x"
                case "—", "–", "─": cell.glyph = "-"
                case "…": cell.glyph = "~"
                case "·": cell.glyph = "."
                case "²": cell.glyph = "2"
                default: cell.glyph = "?"
                }
                out[x, y] = cell
            }
        }
        return out
    }
}
