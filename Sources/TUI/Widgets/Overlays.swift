/// Full-screen states and overlays: the help box and the "terminal too small" screen.
enum Overlays {
    /// The five lines under the keys: what the screen shows (docs/phases.md has the full rules).
    static func explanation(probeSize: Int?) -> [String] {
        let n = probeSize.map { "N=\($0)" } ?? "N"
        return [
            "M memorization: the net fits the training set (train acc 100%)",
            "C compression: LMN falls with test loss  G: test acc reaches 100%",
            "LMN (\(n)): linear mapping number over N probe inputs (lower = simpler)",
            "r: Pearson r of test loss vs LMN and vs L2 in the compression window",
            "L2: norm of all weights (n: per layer)  bands: phase at each step",
        ]
    }

    /// A centred box listing every key binding (from the same table the keys use), then a short
    /// "what you are looking at" section.
    static func drawHelp(
        _ keyMap: KeyMap, explanation: [String] = [], in grid: inout CellGrid, palette: Palette, glyphs: GlyphSet
    ) {
        let rows = keyMap.bindings.filter { !$0.label.isEmpty }
        let keyWidth = rows.map { DisplayWidth.width(of: $0.label) }.max() ?? 4
        let textWidth = rows.map { DisplayWidth.width(of: $0.description) }.max() ?? 20
        let explanationWidth = explanation.map { DisplayWidth.width(of: $0) }.max() ?? 0
        let boxWidth = min(grid.width, max(keyWidth + textWidth + 7, explanationWidth + 4))
        let extra = explanation.isEmpty ? 0 : explanation.count + 1
        let needed = rows.count + extra + 2
        let boxHeight = min(grid.height, needed)
        let x0 = (grid.width - boxWidth) / 2
        let y0 = (grid.height - boxHeight) / 2
        let body = palette.filled(.helpOverlay, text: .text)
        grid.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, with: Cell(" ", style: body))
        drawBox(in: &grid, rect: Rect(x: x0, y: y0, width: boxWidth, height: boxHeight), style: body, glyphs: glyphs)
        var title = body
        title.foreground = palette.color(.title)
        title.attributes.insert(.bold)
        grid.write(" keys ", x: x0 + 2, y: y0, style: title)
        var keyStyle = body
        keyStyle.foreground = palette.color(.cursor)
        keyStyle.attributes.insert(.bold)
        let last = y0 + boxHeight - 1  // bottom border
        // On a short screen the explanation keeps its five lines and the key list is cut (with a note),
        // as long as at least six keys still show.
        let inside = boxHeight - 2
        let showExplanation = extra > 0 && inside - extra >= min(6, rows.count)
        let keyRows = min(rows.count, inside - (showExplanation ? extra : 0))
        var y = y0 + 1
        for binding in rows.prefix(max(0, keyRows)) {
            grid.write(binding.label, x: x0 + 2, y: y, style: keyStyle, maxWidth: keyWidth)
            grid.write(binding.description, x: x0 + 4 + keyWidth, y: y, style: body, maxWidth: boxWidth - keyWidth - 6)
            y += 1
        }
        if showExplanation {
            for x in x0 + 1..<x0 + boxWidth - 1 { grid.set(x, y, Cell(glyphs.horizontal, style: body)) }
            grid.write(" what you are looking at ", x: x0 + 2, y: y, style: title, maxWidth: boxWidth - 4)
            y += 1
            for line in explanation {
                grid.write(line, x: x0 + 2, y: y, style: body, maxWidth: boxWidth - 4)
                y += 1
            }
        }
        if keyRows < rows.count {
            grid.write(
                "(enlarge the terminal for all keys)", x: x0 + 2, y: last, style: body, maxWidth: boxWidth - 4)
        }
    }

    /// Replaces everything with a short explanation of the minimum size.
    static func drawTooSmall(in grid: inout CellGrid, need: (width: Int, height: Int), palette: Palette) {
        let lines = [
            "terminal too small",
            "need \(need.width)×\(need.height)",
            "have \(grid.width)×\(grid.height)",
            "q quits",
        ]
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.width(of: line)
            let style = i == 0 ? palette.style(.warning) : palette.style(.text)
            grid.write(line, x: max(0, (grid.width - w) / 2), y: top + i, style: style, maxWidth: grid.width)
        }
    }

    static func drawBox(in grid: inout CellGrid, rect: Rect, style: CellStyle, glyphs: GlyphSet) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let (tl, tr, bl, br) = glyphs.corners
        for x in rect.x + 1..<rect.maxX - 1 {
            grid.set(x, rect.y, Cell(glyphs.horizontal, style: style))
            grid.set(x, rect.maxY - 1, Cell(glyphs.horizontal, style: style))
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            grid.set(rect.x, y, Cell(glyphs.vertical, style: style))
            grid.set(rect.maxX - 1, y, Cell(glyphs.vertical, style: style))
        }
        grid.set(rect.x, rect.y, Cell(tl, style: style))
        grid.set(rect.maxX - 1, rect.y, Cell(tr, style: style))
        grid.set(rect.x, rect.maxY - 1, Cell(bl, style: style))
        grid.set(rect.maxX - 1, rect.maxY - 1, Cell(br, style: style))
    }
}
