/// The plot area of a line chart, rasterised at sub-cell resolution (braille 2×4, blocks 1×8,
/// ASCII 1×3). Series are drawn in order; later series own the colour of shared cells, so the
/// smoothed (bright) line drawn after its raw (dim) twin stays on top.
struct PlotCanvas {
    let width: Int
    let height: Int
    let glyphs: GlyphSet
    private(set) var bits: [UInt8]  // braille dot bits
    private(set) var glyph: [Unicode.Scalar?]  // blocks/ASCII glyphs
    private(set) var owner: [Int]  // style index, -1 = empty
    private(set) var divergenceColumns: Set<Int> = []

    init(width: Int, height: Int, glyphs: GlyphSet) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        bits = Array(repeating: 0, count: self.width * self.height)
        glyph = Array(repeating: nil, count: self.width * self.height)
        owner = Array(repeating: -1, count: self.width * self.height)
    }

    var subColumns: Int { width * glyphs.subColumns }
    var subRows: Int { height * glyphs.subRows }

    /// Per sub-column: the span of the data (min/max), its first and last value, and whether a
    /// non-finite value fell there.
    private struct Bucket {
        var lo = Double.infinity
        var hi = -Double.infinity
        var first = Double.nan
        var last = Double.nan
        var nonFinite = false
        var hasFinite: Bool { lo <= hi }
    }

    /// Draws one series with style index `styleIndex`. A `dotted` series (mono: test beside train)
    /// marks only every other sub-position: half-density braille, or its own block/ASCII glyphs.
    mutating func plot(
        _ points: [ChartPoint], steps: StepScale, scale: YScale, styleIndex: Int, dotted: Bool = false
    ) {
        let columns = subColumns
        guard columns > 0, subRows > 0 else { return }
        var buckets = [Bucket](repeating: Bucket(), count: columns)
        let lastColumn = Double(columns - 1)
        for p in points where steps.steps.contains(p.step) {
            let c = Int((steps.fraction(p.step) * lastColumn).rounded())
            guard let f = scale.fraction(p.value) else {
                buckets[c].nonFinite = true
                continue
            }
            if !buckets[c].hasFinite { buckets[c].first = f }
            buckets[c].lo = min(buckets[c].lo, f)
            buckets[c].hi = max(buckets[c].hi, f)
            buckets[c].last = f
        }
        let rowsMinusOne = Double(subRows - 1)
        func subRow(_ f: Double) -> Int { Int(((1 - f) * rowsMinusOne).rounded()) }
        // (column, sub-row) of the last drawn value; nil after a gap, so lines never bridge NaN.
        var previous: (column: Int, row: Int)? = nil
        var previousWasFinite = false
        for c in 0..<columns {
            let b = buckets[c]
            if b.nonFinite && previousWasFinite && !b.hasFinite {
                divergenceColumns.insert(c / glyphs.subColumns)
            }
            guard b.hasFinite else {
                if b.nonFinite {
                    previous = nil
                    previousWasFinite = false
                }
                continue
            }
            let entry = subRow(b.first)
            var top = subRow(b.hi)
            var bottom = subRow(b.lo)
            if let (pc, pr) = previous {
                // Sparse data: interpolate through the empty columns so the line stays connected.
                var last = pr
                let distance = c - pc
                for k in stride(from: pc + 1, to: c, by: 1) {
                    let row = pr + Int((Double(entry - pr) * Double(k - pc) / Double(distance)).rounded())
                    fill(column: k, top: min(last, row), bottom: max(last, row), styleIndex: styleIndex, dotted: dotted)
                    last = row
                }
                top = min(top, min(entry, last))
                bottom = max(bottom, max(entry, last))
            }
            fill(column: c, top: top, bottom: bottom, styleIndex: styleIndex, dotted: dotted)
            previous = (c, subRow(b.last))
            if b.nonFinite {  // finite and non-finite in one column: a gap starts (or ends) here
                if previousWasFinite { divergenceColumns.insert(c / glyphs.subColumns) }
                previous = nil
            }
            previousWasFinite = !b.nonFinite
        }
    }

    /// Marks sub-rows `top…bottom` (top = 0) of a sub-column.
    private mutating func fill(column c: Int, top: Int, bottom: Int, styleIndex: Int, dotted: Bool = false) {
        let cellX = c / glyphs.subColumns
        switch glyphs {
        case .braille:
            let sx = c % 2
            // Dotted: the right dot column only, and every other dot of a vertical run (at least one).
            if dotted && sx == 0 && bottom - top < 4 { return }
            for sy in top...bottom where !dotted || (sy - top) % 2 == 0 || sy == bottom {
                let i = (sy / 4) * width + cellX
                bits[i] |= GlyphSet.brailleBit(sx: sx, sy: sy % 4)
                owner[i] = styleIndex
            }
        case .blocks, .ascii:
            let per = glyphs.subRows
            let topCell = top / per
            let bottomCell = bottom / per
            for cellY in topCell...bottomCell {
                let i = cellY * width + cellX
                if dotted {
                    // One dot glyph per cell (not ':' or '┊': those are marker lines).
                    glyph[i] = glyphs == .blocks ? "•" : "o"
                } else if cellY == topCell {
                    let level = per - 1 - (top % per)  // 0 = lowest level in the cell
                    glyph[i] = glyphs == .blocks ? GlyphSet.eighths[level] : GlyphSet.asciiLevels[level]
                } else {
                    glyph[i] = glyphs == .blocks ? "█" : "|"
                }
                owner[i] = styleIndex
            }
        }
    }

    /// The cell at (x, y): glyph and style index, nil when empty.
    func cell(x: Int, y: Int) -> (Unicode.Scalar, Int)? {
        let i = y * width + x
        guard owner[i] >= 0 else { return nil }
        if glyphs == .braille { return (GlyphSet.braille(bits[i]), owner[i]) }
        return glyph[i].map { ($0, owner[i]) }
    }
}
