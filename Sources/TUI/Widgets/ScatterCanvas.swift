/// A dot raster for scatter plots at sub-cell resolution: braille 2×4 dots per cell, blocks 1×2
/// (half blocks ▀ ▄ █ for dots, · for the line), ASCII one dot per cell. Each sub-pixel remembers the strongest thing drawn on
/// it (line < old dot < recent dot < newest dot); a cell takes the style of its strongest sub-pixel.
struct ScatterCanvas {
    enum Level: UInt8, Comparable {
        case line = 1, old, recent, newest
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    let width: Int
    let height: Int
    let glyphs: GlyphSet
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    private var levels: [UInt8]  // per sub-pixel, 0 = empty
    /// ASCII only: the line's glyph per cell (-, /, \, |), chosen from its slope on screen.
    private var lineGlyph: Unicode.Scalar = "-"

    init(width: Int, height: Int, glyphs: GlyphSet, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        xRange = x
        yRange = y
        levels = Array(repeating: 0, count: self.width * self.height * Self.sub(glyphs).x * Self.sub(glyphs).y)
    }

    private static func sub(_ glyphs: GlyphSet) -> (x: Int, y: Int) {
        switch glyphs {
        case .braille: return (2, 4)
        case .blocks: return (1, 2)
        case .ascii: return (1, 1)
        }
    }

    private var subColumns: Int { width * Self.sub(glyphs).x }
    private var subRows: Int { height * Self.sub(glyphs).y }

    /// Sub-pixel column of an x value (clamped to the plot).
    private func column(_ x: Double) -> Int {
        let f = (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
        return min(subColumns - 1, max(0, Int((f * Double(subColumns - 1)).rounded())))
    }

    /// Sub-pixel row of a y value (0 = top), unclamped.
    private func row(_ y: Double) -> Double {
        (1 - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound)) * Double(subRows - 1)
    }

    private mutating func mark(_ c: Int, _ r: Int, _ level: Level) {
        guard c >= 0, c < subColumns, r >= 0, r < subRows else { return }
        let i = r * subColumns + c
        levels[i] = max(levels[i], level.rawValue)
    }

    mutating func dot(x: Double, y: Double, level: Level) {
        guard subColumns > 0, subRows > 0, x.isFinite, y.isFinite else { return }
        let r = row(y)
        guard r.isFinite else { return }
        mark(column(x), min(subRows - 1, max(0, Int(r.rounded()))), level)
    }

    /// y = slope·x + intercept across the x range, clipped to the y range, with no holes on steep
    /// stretches (each column is filled up to the next column's row).
    mutating func drawLine(slope: Double, intercept: Double) {
        guard subColumns > 0, subRows > 0, slope.isFinite, intercept.isFinite else { return }
        let xSpan = xRange.upperBound - xRange.lowerBound
        func rowAt(_ c: Int) -> Double {
            let x = xRange.lowerBound + xSpan * Double(c) / Double(max(1, subColumns - 1))
            return row(slope * x + intercept)
        }
        let cellsPerCell = Double(Self.sub(glyphs).y) / Double(Self.sub(glyphs).x)
        let screenSlope =
            subColumns > 1 ? (rowAt(0) - rowAt(subColumns - 1)) / Double(subColumns - 1) / cellsPerCell : 0
        lineGlyph = abs(screenSlope) < 0.5 ? "-" : abs(screenSlope) > 2 ? "|" : (screenSlope > 0 ? "/" : "\\")
        for c in 0..<subColumns {
            let here = rowAt(c)
            let next = c + 1 < subColumns ? rowAt(c + 1) : here
            let lo = max(0, Int(min(here, (here + next) / 2).rounded()))
            let hi = min(subRows - 1, Int(max(here, (here + next) / 2).rounded()))
            guard lo <= hi else { continue }
            for r in lo...hi { mark(c, r, .line) }
        }
    }

    /// The cell's glyph and strongest level, nil when empty.
    func cell(x: Int, y: Int) -> (Unicode.Scalar, Level)? {
        let (sx, sy) = Self.sub(glyphs)
        var strongest: UInt8 = 0
        var bits: UInt8 = 0
        var halves = (top: false, bottom: false)
        for dy in 0..<sy {
            for dx in 0..<sx {
                let value = levels[(y * sy + dy) * subColumns + x * sx + dx]
                guard value > 0 else { continue }
                strongest = max(strongest, value)
                bits |= GlyphSet.brailleBit(sx: dx, sy: dy)
                if dy == 0 { halves.top = true } else { halves.bottom = true }
            }
        }
        guard let level = Level(rawValue: strongest) else { return nil }
        switch glyphs {
        case .braille:
            return (GlyphSet.braille(bits), level)
        case .blocks:
            if level == .line { return ("·", level) }  // a dotted line, unlike the half-block dots
            return (halves.top && halves.bottom ? "█" : halves.top ? "▀" : "▄", level)
        case .ascii:
            switch level {
            case .line: return (lineGlyph, level)
            case .old: return (".", level)
            case .recent: return ("o", level)
            case .newest: return ("@", level)
            }
        }
    }
}
