/// A one-row chart: the most recent values squeezed into `width` cells (bucket means), eight
/// block levels (or an ASCII ramp). Non-finite values show as "!" — a divergence must be visible.
public enum Sparkline {
    /// The glyphs alone (exposed for tests and for the strip).
    /// `range` fixes the scale (accuracy: 0…1); nil fits the values shown.
    public static func glyphs(
        _ values: [Double], width: Int, glyphs: GlyphSet, range: ClosedRange<Double>? = nil
    ) -> [Unicode.Scalar] {
        guard width > 0 else { return [] }
        let buckets = resample(values, to: width)
        let finite = buckets.compactMap { $0 }.filter(\.isFinite)
        guard var lo = finite.min(), var hi = finite.max() else {
            return buckets.map { $0 == nil ? " " : "!" }
        }
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
            (lo, hi) = (range.lowerBound, range.upperBound)
        }
        let ramp = glyphs.isUnicode ? GlyphSet.eighths : GlyphSet.asciiRamp
        return buckets.map { bucket in
            guard let v = bucket else { return " " }
            guard v.isFinite else { return "!" }
            // Halves: no overflow near ±1.8e308.
            let f = hi > lo ? min(1, max(0, (v / 2 - lo / 2) / (hi / 2 - lo / 2))) : 0.5
            return ramp[min(ramp.count - 1, Int(f * Double(ramp.count - 1) + 0.5))]
        }
    }

    /// Bucket means of the last values (one per column); nil = no value (short series are
    /// right-aligned), NaN = the bucket held a non-finite value.
    static func resample(_ values: [Double], to width: Int) -> [Double?] {
        if values.count <= width {
            return Array(repeating: nil, count: width - values.count) + values.map { Optional($0) }
        }
        var out: [Double?] = []
        out.reserveCapacity(width)
        for col in 0..<width {
            let start = col * values.count / width
            let end = max(start + 1, (col + 1) * values.count / width)
            var sum = 0.0
            var poisoned = false
            for v in values[start..<end] {
                if v.isFinite { sum += v } else { poisoned = true }
            }
            out.append(poisoned ? .nan : sum / Double(end - start))
        }
        return out
    }

    static func draw(
        _ model: SparklineModel, in grid: inout CellGrid, x: Int, y: Int, width: Int, palette: Palette, glyphs: GlyphSet
    ) {
        let labelWidth = grid.write(model.label + " ", x: x, y: y, style: palette.style(.dimText), maxWidth: width)
        let style = palette.style(model.role)
        for (i, g) in Sparkline.glyphs(
            model.values, width: width - labelWidth, glyphs: glyphs, range: model.range
        ).enumerated() {
            grid.set(x + labelWidth + i, y, Cell(g, style: g == "!" ? palette.style(.divergence) : style))
        }
    }
}
