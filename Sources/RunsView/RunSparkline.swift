import TUI

/// A row's sparkline: the trace squeezed into `width` cells (column means), drawn against a fixed
/// range when one is given (test accuracy 0–1, so rows compare at a glance) or the trace's own range.
/// A flat trace (range below 1e-9 relative) is a flat mid line, not rounding noise blown up to full
/// height. Non-finite values show as "!".
enum RunSparkline {
    // The same ramps as the dashboard's sparkline (TUI keeps its own internal).
    static let eighths: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiRamp: [Unicode.Scalar] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    static func glyphs(_ values: [Double], width: Int, range: ClosedRange<Double>?, glyphs: GlyphSet) -> [Unicode
        .Scalar]
    {
        guard width > 0 else { return [] }
        let columns = resample(values, to: width)
        let finite = columns.compactMap { $0 }.filter(\.isFinite)
        let ramp = glyphs.isUnicode ? eighths : asciiRamp
        let lo = range?.lowerBound ?? finite.min() ?? 0
        let hi = range?.upperBound ?? finite.max() ?? 0
        let flat = hi - lo <= 1e-9 * max(1, abs(hi), abs(lo))
        return columns.map { column in
            guard let v = column else { return " " }
            guard v.isFinite else { return "!" }
            let f = flat ? 0.5 : min(1, max(0, (v - lo) / (hi - lo)))
            return ramp[min(ramp.count - 1, Int(f * Double(ramp.count - 1) + 0.5))]
        }
    }

    /// Column means; short traces are right-aligned (nil = empty column), NaN poisons its column.
    static func resample(_ values: [Double], to width: Int) -> [Double?] {
        if values.count <= width {
            return Array(repeating: nil, count: width - values.count) + values.map { Optional($0) }
        }
        return (0..<width).map { col in
            let start = col * values.count / width
            let end = max(start + 1, (col + 1) * values.count / width)
            let slice = values[start..<end]
            if slice.contains(where: { !$0.isFinite }) { return .nan }
            return slice.reduce(0, +) / Double(slice.count)
        }
    }
}
