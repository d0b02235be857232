import TextFormat

/// The top row: phase badge, run name, progress, task, rates, liveness. Space goes by priority:
/// badge, PAUSED, liveness (right-aligned), step; the run name gets what is left (truncated with
/// "…"); then task, rate, elapsed, ETA, probe size while they fit, in that order.
enum HeaderBar {
    static func draw(
        _ header: HeaderModel, isPaused: Bool, in grid: inout CellGrid, y: Int, width: Int, palette: Palette,
        glyphs: GlyphSet
    ) {
        let base = palette.style(.text)
        grid.fill(x: 0, y: y, width: width, height: 1, with: Cell(" ", style: base))
        var x = 0
        let badge = " " + header.phaseName.uppercased() + " "
        x += grid.write(badge, x: x, y: y, style: palette.filled(header.phase.themeRole), maxWidth: width)
        if isPaused {
            x += grid.write(" PAUSED ", x: x, y: y, style: palette.filled(.warning), maxWidth: width - x)
        }

        let liveText = (glyphs.isUnicode ? "● " : "* ") + DisplayWidth.sanitize(header.liveness)
        let liveWidth = DisplayWidth.width(of: liveText)
        var rightEdge = width - liveWidth - 1
        if rightEdge > x + 1 {
            grid.write(liveText, x: rightEdge, y: y, style: palette.style(header.isStale ? .stale : .live))
        } else {
            rightEdge = width
        }

        let separator = "  "
        var stepText = "step " + ValueText.steps(header.step)
        if let total = header.totalSteps { stepText += "/" + ValueText.steps(total) }
        let stepWidth = DisplayWidth.width(of: separator + stepText)

        let nameRoom = min(28, rightEdge - x - 1 - stepWidth)
        if nameRoom >= 4 {
            x += 1
            let name = DisplayWidth.truncate(DisplayWidth.sanitize(header.runName.raw), to: nameRoom)
            x += grid.write(name, x: x, y: y, style: palette.style(.title))
        }
        guard x + stepWidth <= rightEdge else { return }
        x += grid.write(separator, x: x, y: y, style: base)
        x += grid.write(stepText, x: x, y: y, style: base.with(.bold))

        var fields: [String] = [header.task]
        if let rate = header.stepsPerSecond, rate.isFinite { fields.append(ValueText.compact(rate) + " st/s") }
        fields.append(ValueText.duration(header.elapsedSeconds))
        if let eta = header.etaSeconds { fields.append("ETA " + ValueText.duration(eta)) }
        if let n = header.probeSize { fields.append("N=\(n)") }
        for field in fields where !field.isEmpty {
            guard x + DisplayWidth.width(of: separator + field) <= rightEdge else { break }
            x += grid.write(separator + field, x: x, y: y, style: base)
        }
    }
}

/// The bottom row: key hints from the key map, or a status message.
enum FooterBar {
    static func draw(hints: [KeyHint], status: String?, in grid: inout CellGrid, y: Int, width: Int, palette: Palette) {
        grid.fill(x: 0, y: y, width: width, height: 1, with: Cell(" ", style: palette.style(.dimText)))
        var x = 0
        if let status, !status.isEmpty {
            x += grid.write(untrusted: status, x: 0, y: y, style: palette.style(.warning), maxWidth: width)
            x += 2
        }
        for hint in hints {
            let w = DisplayWidth.width(of: hint.key) + 1 + DisplayWidth.width(of: hint.text) + 2
            guard x + w <= width else { break }
            x += grid.write(hint.key, x: x, y: y, style: palette.style(.title))
            x += grid.write(" " + hint.text + "  ", x: x, y: y, style: palette.style(.dimText))
        }
    }
}
