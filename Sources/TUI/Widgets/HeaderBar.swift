/// The top row: phase badge, run name, task, progress and rates, liveness. Fields are dropped from
/// the right, least important first, so the badge and the step are always visible.
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
        x += 1
        x += grid.write(
            untrusted: header.runName.raw, x: x, y: y, style: palette.style(.title),
            maxWidth: min(28, max(0, width - x)))

        // Right-aligned liveness.
        let live = header.liveness
        let liveStyle = palette.style(header.isStale ? .stale : .live)
        let liveText = (glyphs.isUnicode ? "● " : "* ") + live
        let liveWidth = DisplayWidth.width(of: liveText)
        let rightEdge = width - liveWidth - 1

        // Middle fields in priority order; each is shown only if it fits.
        var fields: [String] = []
        var stepText = "step " + ValueText.steps(header.step)
        if let total = header.totalSteps { stepText += "/" + ValueText.steps(total) }
        fields.append(stepText)
        fields.append(header.task)
        if let rate = header.stepsPerSecond, rate.isFinite { fields.append(ValueText.compact(rate) + " st/s") }
        fields.append(ValueText.duration(header.elapsedSeconds))
        if let eta = header.etaSeconds { fields.append("ETA " + ValueText.duration(eta)) }
        if let n = header.probeSize { fields.append("N=\(n)") }
        let separator = glyphs.isUnicode ? "  " : "  "
        for field in fields where !field.isEmpty {
            let w = DisplayWidth.width(of: separator + field)
            guard x + w <= rightEdge else { continue }
            x += grid.write(separator, x: x, y: y, style: base)
            x += grid.write(field, x: x, y: y, style: field.hasPrefix("step") ? palette.style(.text).with(.bold) : base)
        }
        if rightEdge > x { grid.write(liveText, x: rightEdge, y: y, style: liveStyle) }
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
