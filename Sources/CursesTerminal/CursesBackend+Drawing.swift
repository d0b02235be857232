import CNcurses
import TUI

/// A (foreground, background) pair of curses colour numbers; -1 = the terminal's default.
struct PairKey: Hashable {
    let foreground: Int32
    let background: Int32
}

extension CursesBackend {
    /// Writes the cells that changed since the last frame, then one `refresh`.
    public func draw(_ grid: CellGrid) {
        if !TerminalSignals.cursesActive {  // after Ctrl-Z/fg or an explicit restore
            TerminalSignals.cursesActive = true
            lastGrid = nil
        }
        if TerminalSignals.takeRepaintRequest() { lastGrid = nil }
        let current = size
        if lastGrid == nil || current.width != grid.width || current.height != grid.height {
            clearok(curscr, true)
            lastGrid = nil
        }
        for run in grid.changedRuns(since: lastGrid) {
            guard run.y < current.height else { continue }
            for (i, cell) in run.cells.enumerated() {
                let x = run.x + i
                guard x < current.width else { break }
                // The bottom-right cell makes some terminals scroll; curses refuses it (ERR), harmless.
                _ = gs_put_cell(
                    Int32(run.y), Int32(x), codepoint(cell.glyph), attributes(cell.style), pair(for: cell.style))
                cellsWritten += 1
            }
        }
        refresh()
        lastGrid = grid
    }

    private func codepoint(_ glyph: Unicode.Scalar) -> UInt32 {
        if !DisplayWidth.isCellSafe(glyph) { return 0x3F }  // never a control, bidi or zero-width scalar
        if !isUTF8 && glyph.value >= 0x80 { return 0x3F }
        return glyph.value
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var a = gs_a_normal()
        if style.attributes.contains(.bold) { a |= gs_a_bold() }
        if style.attributes.contains(.dim) { a |= gs_a_dim() }
        if style.attributes.contains(.reverse) { a |= gs_a_reverse() }
        if style.attributes.contains(.underline) { a |= gs_a_underline() }
        // 8-colour terminals: bright ANSI colours become their base colour in bold, bright black
        // becomes dim white, and nothing is bold black (TerminalColor.eightColourForm).
        if colorCount > 0 && colorCount < 16, case .indexed(let i) = style.foreground, i < 16 {
            let form = TerminalColor.eightColourForm(of: i)
            if form.bold { a |= gs_a_bold() }
            if form.dim { a |= gs_a_dim() }
            if form.color == 0 { a &= ~gs_a_bold() }
        }
        return a
    }

    /// The colour pair for a style, allocated on first use and cached. When the terminal runs out
    /// of pairs, pair 0 (default colours) is used: text stays readable.
    private func pair(for style: CellStyle) -> Int32 {
        guard colorDepth != .mono, colorCount > 0 else { return 0 }
        let key = PairKey(foreground: colorNumber(style.foreground), background: colorNumber(style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let cached = pairCache[key] { return cached }
        guard nextPair < maxPairs else { return 0 }
        let pair = nextPair
        guard init_extended_pair(pair, key.foreground, key.background) == gs_ok() else { return 0 }
        nextPair += 1
        pairCache[key] = pair
        return pair
    }

    /// Maps a grid colour to what this terminal has: 256 → as is; 16/8 → nearest ANSI colour;
    /// 24-bit → quantised (ncurses direct colour needs *-direct terminfo entries; 256 is portable).
    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case .indexed(let i):
            if Int32(i) < colorCount { return Int32(i) }
            let ansi = i < 16 ? i : ColorQuantizer.index16(for: ColorQuantizer.rgb(ofIndex: i))
            return Int32(colorCount >= 16 ? ansi : TerminalColor.eightColourForm(of: ansi).color)
        case .rgb(let r, let g, let b):
            let rgb = RGB(r, g, b)
            if colorCount >= 256 { return Int32(ColorQuantizer.index256(for: rgb)) }
            let ansi = ColorQuantizer.index16(for: rgb)
            return Int32(colorCount >= 16 ? ansi : TerminalColor.eightColourForm(of: ansi).color)
        }
    }
}
