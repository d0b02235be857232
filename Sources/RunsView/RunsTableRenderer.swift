import Phases
import Runs
import TUI

/// Renders the runs screen into a `CellGrid`: a header with counts per status and the sort, the
/// column titles, one row per run (selection highlighted, marks as `*`, phase badge, sparklines of
/// test accuracy and LMN), and a footer with keys or the filter prompt. Pure: (model, palette, size,
/// glyphs) → grid (docs/runs-table.md).
public enum RunsTableRenderer {
    public static let minimumSize = (width: 40, height: 6)

    public static func render(
        _ model: RunsScreenModel, palette: Palette, width: Int, height: Int, glyphs: GlyphSet
    ) -> CellGrid {
        var grid = CellGrid(
            width: width, height: height, fill: Cell(" ", style: CellStyle(background: palette.background)))
        guard width >= minimumSize.width, height >= minimumSize.height else {
            let lines = ["terminal too small", "need \(minimumSize.width)x\(minimumSize.height)", "q quits"]
            for (i, line) in lines.enumerated() where i < height {
                grid.write(line, x: 0, y: i, style: palette.style(i == 0 ? .warning : .text), maxWidth: width)
            }
            return grid
        }
        drawHeader(model, in: &grid, palette: palette)
        let layout = RunsTableLayout(
            width: width, keeping: model.sortColumn,
            nameWidth: 2 + (model.rows.map { DisplayWidth.sanitize($0.name).count }.max() ?? 0))
        drawTitles(model, layout: layout, in: &grid, y: 1, palette: palette, glyphs: glyphs)
        let bodyTop = 2
        let bodyHeight = height - 3
        let selected = model.selectedID.flatMap { id in model.rows.firstIndex { $0.id == id } } ?? 0
        // Scroll so the selection is visible, keeping it in the lower part of the screen once it moves down.
        let first = max(0, min(selected - bodyHeight + 1, model.rows.count - bodyHeight))
        if model.rows.isEmpty {
            let note =
                model.filter.isEmpty && model.cellLabel == nil
                ? "no *.ndjson streams yet (waiting for files)" : "no run matches the filter"
            grid.write(note, x: 2, y: bodyTop, style: palette.style(.dimText))
        }
        for (offset, row) in model.rows.dropFirst(max(0, first)).prefix(bodyHeight).enumerated() {
            drawRow(
                row, layout: layout, in: &grid, y: bodyTop + offset, isSelected: row.id == model.selectedID,
                palette: palette, glyphs: glyphs)
        }
        drawFooter(model, in: &grid, y: height - 1, palette: palette)
        return grid
    }

    static func drawHeader(_ model: RunsScreenModel, in grid: inout CellGrid, palette: Palette) {
        let title = palette.style(.title)
        var x = grid.write("grokscope runs ", x: 0, y: 0, style: title)
        x += grid.write(untrusted: model.title, x: x, y: 0, style: title, maxWidth: max(0, grid.width / 3))
        let total = model.counts.values.reduce(0, +)
        x += grid.write("  \(total) runs:", x: x, y: 0, style: palette.style(.text))
        for status in RunStatus.allCases {
            let count = model.counts[status] ?? 0
            // Rare states appear only when some run is in them.
            guard count > 0 || (status != .deleted && status != .stopped) else { continue }
            x += grid.write(" \(count) \(status.rawValue)", x: x, y: 0, style: statusStyle(status, palette))
        }
    }

    static func drawTitles(
        _ model: RunsScreenModel, layout: RunsTableLayout, in grid: inout CellGrid, y: Int, palette: Palette,
        glyphs: GlyphSet
    ) {
        let style = palette.style(.axis).with(.bold)
        for placed in layout.columns {
            var title = placed.column == .name ? "  name" : placed.column.title
            if placed.column == model.sortColumn {
                title += glyphs.isUnicode ? (model.ascending ? "▲" : "▼") : (model.ascending ? "^" : "v")
            }
            grid.write(title, x: placed.x, y: y, style: style, maxWidth: placed.width)
        }
    }

    static func drawRow(
        _ row: RunRow, layout: RunsTableLayout, in grid: inout CellGrid, y: Int, isSelected: Bool,
        palette: Palette, glyphs: GlyphSet
    ) {
        let base = palette.style(.text)
        for placed in layout.columns {
            switch placed.column {
            case .name:
                grid.write(
                    untrusted: RunCellText.text(row, .name), x: placed.x, y: y, style: base, maxWidth: placed.width)
            case .status:
                grid.write(
                    row.status.rawValue, x: placed.x, y: y, style: statusStyle(row.status, palette),
                    maxWidth: placed.width)
            case .phase:
                grid.write(
                    RunCellText.verdict(row.verdict), x: placed.x, y: y, style: badgeStyle(row.verdict, palette),
                    maxWidth: placed.width)
            case .accuracyTrace, .lmnTrace:
                let values = placed.column == .accuracyTrace ? row.testAccuracyTrace : row.lmnTrace
                let isAccuracy = placed.column == .accuracyTrace
                let role: ThemeRole = isAccuracy ? .testAccuracy : .lmn
                let range: ClosedRange<Double>? = isAccuracy ? 0...1 : nil
                for (i, g) in RunSparkline.glyphs(values, width: placed.width, range: range, glyphs: glyphs)
                    .enumerated()
                {
                    grid.set(
                        placed.x + i, y, Cell(g, style: g == "!" ? palette.style(.divergence) : palette.style(role)))
                }
            default:
                // Numbers right-aligned.
                let text = RunCellText.text(row, placed.column)
                let pad = max(0, placed.width - text.count)
                grid.write(text, x: placed.x + pad, y: y, style: base, maxWidth: placed.width - pad)
            }
        }
        if isSelected {
            for x in 0..<grid.width { grid.restyle(x, y, grid[x, y].style.with(.reverse)) }
        }
    }

    static func drawFooter(_ model: RunsScreenModel, in grid: inout CellGrid, y: Int, palette: Palette) {
        if model.isEditingFilter {
            let x = grid.write("filter: ", x: 0, y: y, style: palette.style(.title))
            let w = grid.write(untrusted: model.filter, x: x, y: y, style: palette.style(.text))
            grid.write("_  (Enter keeps, Esc clears)", x: x + w, y: y, style: palette.style(.dimText))
            return
        }
        var x = 0
        if let status = model.status {
            x += grid.write(untrusted: status, x: 0, y: y, style: palette.style(.title), maxWidth: grid.width)
            x += grid.write("  ", x: x, y: y, style: palette.style(.dimText), maxWidth: max(0, grid.width - x))
        }
        var text = RunsKeys.help
        if !model.filter.isEmpty { text = "filter \"\(DisplaySafe.clip(model.filter))\"  " + text }
        if let cell = model.cellLabel { text = "cell \(DisplaySafe.clip(cell, to: 60))  " + text }
        if let message = model.message { text = message + "  " + text }
        grid.write(text, x: x, y: y, style: palette.style(.dimText), maxWidth: max(0, grid.width - x))
    }

    static func statusStyle(_ status: RunStatus, _ palette: Palette) -> CellStyle {
        switch status {
        case .live: return palette.style(.live)
        case .stale: return palette.style(.stale)
        case .done: return palette.style(.text)
        case .failed: return palette.style(.divergence)
        case .stopped, .deleted: return palette.style(.dimText)
        }
    }

    static func badgeStyle(_ verdict: PhaseVerdict, _ palette: Palette) -> CellStyle {
        switch verdict {
        case .notYet: return palette.style(.dimText)
        case .memorizing: return palette.style(.memorization)
        case .memorized, .compressionNotMeasured, .notGeneralizing: return palette.style(.warmup)
        case .compressing: return palette.style(.compression)
        case .generalized, .noGrokking: return palette.style(.generalization)
        }
    }
}

/// Short, sanitized echo of user-typed text.
enum DisplaySafe {
    static func clip(_ s: String, to limit: Int = 20) -> String {
        let safe = DisplayWidth.sanitize(s)
        return safe.count > limit ? String(safe.prefix(limit - 1)) + "~" : safe
    }
}
