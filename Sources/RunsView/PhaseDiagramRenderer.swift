import Runs
import Sweeps
import TUI

/// Draws a `PhaseDiagram` as a heatmap: one block per grid point, filled in the outcome's colour, with
/// a letter, finished/total and the median grokking delay; x values below, y values at the left, a
/// legend at the bottom. Cells of unfinished points stay plain (they fill in as runs end). Grokked
/// cells carry a shade bar as long as their median delay relative to the longest one. The cell under
/// the cursor is drawn in reverse video and its runs are listed below the grid.
public enum PhaseDiagramRenderer {
    public static func render(
        _ diagram: PhaseDiagram?, title: String, palette: Palette, width: Int, height: Int, glyphs: GlyphSet,
        cursor: PhaseDiagramKeys.Cursor? = nil
    ) -> CellGrid {
        var grid = CellGrid(
            width: width, height: height, fill: Cell(" ", style: CellStyle(background: palette.background)))
        let titleStyle = palette.style(.title)
        var x = grid.write("phase diagram ", x: 0, y: 0, style: titleStyle)
        x += grid.write(untrusted: title, x: x, y: 0, style: titleStyle, maxWidth: max(0, width / 3))
        grid.write("  " + PhaseDiagramKeys.help, x: x, y: 0, style: palette.style(.dimText))
        guard let diagram, !diagram.xValues.isEmpty else {
            grid.write("no sweep.json with a grid in this folder", x: 2, y: 2, style: palette.style(.dimText))
            return grid
        }
        let times = glyphs.isUnicode ? " × " : " x "
        let axis = diagram.xOption + (diagram.yOption.map { " (x)" + times + $0 + " (y)" } ?? "")
        grid.write(untrusted: axis, x: 0, y: 1, style: palette.style(.axis), maxWidth: width)
        let labelWidth = min(12, (diagram.yValues.map(\.count).max() ?? 0) + 1)
        let cellWidth = min(12, max(4, (width - labelWidth) / diagram.xValues.count))
        let cellHeight = 2
        let top = 2
        guard top + diagram.yValues.count * cellHeight + 2 <= height,
            labelWidth + diagram.xValues.count * cellWidth <= width
        else {
            grid.write("terminal too small for this grid", x: 0, y: min(height - 1, 2), style: palette.style(.warning))
            return grid
        }
        // The first y value at the bottom, as in a plot.
        for (row, yIndex) in diagram.yValues.indices.reversed().enumerated() {
            let y0 = top + row * cellHeight
            grid.write(
                untrusted: diagram.yValues[yIndex], x: 0, y: y0, style: palette.style(.axis), maxWidth: labelWidth - 1)
            for xIndex in diagram.xValues.indices {
                let cell = diagram.cells[yIndex][xIndex]
                let x0 = labelWidth + xIndex * cellWidth
                var style = cell.dominant.map { palette.filled(role($0)) } ?? palette.style(.dimText)
                let isCursor = cursor.map { $0.x == xIndex && $0.y == yIndex } ?? false
                if isCursor { style = style.with(.reverse) }
                grid.fill(x: x0, y: y0, width: cellWidth - 1, height: cellHeight, with: Cell(" ", style: style))
                let line1 = "\(RunOutcome.letter(cell.dominant)) \(cell.finished)/\(cell.runs.count)"
                grid.write(line1, x: x0, y: y0, style: style, maxWidth: cellWidth - 1)
                if let d = cell.medianDelay {
                    let w = grid.write(
                        "d" + RunCellText.steps(d), x: x0, y: y0 + 1, style: style, maxWidth: cellWidth - 1)
                    let room = cellWidth - 2 - w
                    if room > 0, let longest = diagram.maxMedianDelay, longest > 0 {
                        let n = max(1, Int((Double(room) * Double(d) / Double(longest)).rounded()))
                        let shade = String(repeating: glyphs.isUnicode ? "\u{2592}" : "#", count: min(room, n))
                        grid.write(shade, x: x0 + w + 1, y: y0 + 1, style: style)
                    }
                }
            }
        }
        let xRow = top + diagram.yValues.count * cellHeight
        for (i, value) in diagram.xValues.enumerated() {
            grid.write(
                untrusted: value, x: labelWidth + i * cellWidth, y: xRow, style: palette.style(.axis),
                maxWidth: cellWidth - 1)
        }
        // The legend: one line when it fits, else two (every outcome stays visible at 80 columns).
        let labels = RunOutcome.allCases.map { ("\(RunOutcome.letter($0)) \($0.rawValue) ", $0) }
        let oneLine = labels.reduce(0) { $0 + $1.0.count + 1 } <= width
        let legendTop = oneLine ? height - 1 : height - 2
        if let cursor, diagram.yValues.indices.contains(cursor.y), diagram.xValues.indices.contains(cursor.x) {
            drawList(diagram, cursor: cursor, in: &grid, top: xRow + 1, bottom: legendTop - 1, palette: palette)
        }
        var lx = 0
        var ly = legendTop
        for (label, outcome) in labels {
            if lx > 0 && lx + label.count > width {
                lx = 0
                ly += 1
            }
            lx += grid.write(label, x: lx, y: ly, style: palette.filled(role(outcome))) + 1
        }
        return grid
    }

    /// The cursor cell's runs, one a line: name, status or outcome, t_mem, t_gen and delay.
    static func drawList(
        _ diagram: PhaseDiagram, cursor: PhaseDiagramKeys.Cursor, in grid: inout CellGrid, top: Int, bottom: Int,
        palette: Palette
    ) {
        guard top <= bottom else { return }
        let cell = diagram.cells[cursor.y][cursor.x]
        let head = "\(diagram.label(x: cursor.x, y: cursor.y)): \(cell.runs.count) runs, \(cell.finished) finished"
        grid.write(untrusted: head, x: 0, y: top, style: palette.style(.title), maxWidth: grid.width)
        let shown = max(0, bottom - top)
        for (i, row) in cell.rows.prefix(shown).enumerated() {
            let y = top + 1 + i
            if i == shown - 1 && cell.rows.count > shown {
                grid.write("... \(cell.rows.count - i) more", x: 2, y: y, style: palette.style(.dimText))
                break
            }
            let what = row.outcome.map { RunOutcome.letter($0) + " " + $0.rawValue } ?? row.status.rawValue
            let x = grid.write(untrusted: row.name, x: 2, y: y, style: palette.style(.text), maxWidth: 30)
            func steps(_ v: Int?) -> String { RunCellText.steps(v) }
            let rest = "  \(what)  t_mem \(steps(row.tMem))  t_gen \(steps(row.tGen))  delay \(steps(row.delay))"
            grid.write(
                rest, x: 2 + x, y: y, style: row.outcome.map { palette.style(role($0)) } ?? palette.style(.dimText))
        }
    }


    static func role(_ outcome: RunOutcome) -> ThemeRole {
        switch outcome {
        case .noMemorization: return .warmup
        case .memorizedOnly: return .memorization
        case .grokked: return .generalization
        case .noDelay: return .compression
        case .diverged, .failed: return .divergence
        }
    }
}
