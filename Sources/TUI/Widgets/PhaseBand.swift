/// One row under a chart, aligned with its plot columns: each column coloured by the phase its
/// step falls in, with marker labels ("▏t_mem") written over it. Without colour the band repeats
/// the phase letters ("MMMMCCCCGGG") so the phases stay readable in mono.
enum PhaseBand {
    static func draw(
        phases: [PhaseInterval], markers: [StepMarker], in grid: inout CellGrid, x: Int, y: Int, width: Int,
        labelX: Int, steps: StepScale, palette: Palette, glyphs: GlyphSet
    ) {
        guard width > 0 else { return }
        if x - labelX >= 6 {
            grid.write("phase", x: labelX, y: y, style: palette.style(.dimText), maxWidth: x - labelX - 1)
        }
        let lastColumn = Double(max(1, width - 1))
        for col in 0..<width {
            let step = steps.step(at: Double(col) / lastColumn)
            let phase = phases.last(where: { $0.contains(step) })?.phase
            let cell: Cell
            switch (phase, palette.hasColor) {
            case (nil, _):
                cell = Cell(glyphs.isUnicode ? "·" : ".", style: palette.style(.dimText))
            case (let phase?, true):
                cell = Cell(" ", style: palette.filled(phase.themeRole))
            case (let phase?, false):
                let letter: Unicode.Scalar = phase == .warmup ? "." : phase.letter
                cell = Cell(letter, style: palette.style(phase.themeRole))
            }
            grid.set(x + col, y, cell)
        }
        // Marker labels: a tick at the marker's column and its label to the right (or left when
        // it would run off the end). Phase boundaries are placed first, then other markers (the LMN
        // peak) where room is left; a label never overwrites another.
        var occupied: [Range<Int>] = []
        let ordered = markers.sorted { a, b in
            let (pa, pb) = (a.role == .marker ? 0 : 1, b.role == .marker ? 0 : 1)
            return pa != pb ? pa < pb : a.step < b.step
        }
        for marker in ordered {
            guard let offset = steps.column(marker.step, width: width) else { continue }
            let col = x + offset
            let text = String(Character(glyphs.isUnicode ? "▏" : "|")) + marker.label
            var start = col
            let length = DisplayWidth.width(of: text)
            if start + length > x + width { start = max(x, x + width - length) }
            let span = start..<(start + length + 1)  // one blank column between labels
            guard !occupied.contains(where: { $0.overlaps(span) }) else { continue }
            for i in 0..<min(length, x + width - start) {
                let existing = grid[start + i, y].style
                var style = palette.style(marker.role)
                if palette.hasColor { style.background = existing.background }
                grid.set(start + i, y, Cell(DisplayWidth.cellScalars(text)[i], style: style))
            }
            occupied.append(span)
        }
    }
}
