import Foundation
import TUI

/// Draws a `ReportFigure` as a self-contained SVG (no scripts, no external fonts or images): one panel
/// per row, phase bands behind every panel, markers across all of them. Opens in any browser.
public enum SVGFigureWriter {
    static let width = 960.0
    static let panelHeight = 220.0
    static let left = 70.0, right = 150.0, top = 84.0, gap = 36.0, bottomAxis = 40.0

    public static func svg(_ figure: ReportFigure) -> String {
        let height = top + Double(figure.panels.count) * (panelHeight + gap) + bottomAxis
        let plotWidth = width - left - right
        let lo = Double(figure.stepRange.lowerBound)
        let span = max(1, Double(figure.stepRange.upperBound) - lo)
        func x(_ step: Int) -> Double { left + (Double(step) - lo) / span * plotWidth }

        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" \
            viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(fmt(left))" y="26" font-size="18" font-weight="bold">\(escape(figure.title))</text>
            <text x="\(fmt(left))" y="46" font-size="12" fill="#555555">\(escape(figure.subtitle))</text>

            """
        for (index, panel) in figure.panels.enumerated() {
            let y0 = top + Double(index) * (panelHeight + gap)
            out += "<g class=\"panel\">\n"
            for band in figure.bands {
                let x0 = x(band.steps.lowerBound), x1 = x(band.steps.upperBound)
                out += "<rect class=\"phase-band\" data-phase=\"\(escape(band.label))\" x=\"\(fmt(x0))\" "
                out += "y=\"\(fmt(y0))\" width=\"\(fmt(max(0, x1 - x0)))\" height=\"\(fmt(panelHeight))\" "
                out += "fill=\"\(escape(band.color))\" fill-opacity=\"0.18\"/>\n"
            }
            out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y0))\" width=\"\(fmt(plotWidth))\" "
            out += "height=\"\(fmt(panelHeight))\" fill=\"none\" stroke=\"#888888\"/>\n"
            out += "<text x=\"\(fmt(left + 6))\" y=\"\(fmt(y0 + 16))\" font-size=\"13\" font-weight=\"bold\">"
            out += "\(escape(panel.title))\(panel.logScale ? " (log)" : "")</text>\n"
            out += panelBody(panel, y0: y0, x: x)
            out += "</g>\n"
        }
        let plotBottom = top + Double(figure.panels.count) * (panelHeight + gap) - gap
        var labelEnds: [Double] = []  // right edge of the labels on each row, to stack close markers
        for marker in figure.markers.sorted(by: { $0.step < $1.step }) {
            let mx = x(marker.step)
            out += "<line class=\"marker\" x1=\"\(fmt(mx))\" y1=\"\(fmt(top))\" x2=\"\(fmt(mx))\" "
            out += "y2=\"\(fmt(plotBottom))\" stroke=\"#333333\" stroke-dasharray=\"4 3\"/>\n"
            let row = labelEnds.firstIndex { $0 < mx } ?? labelEnds.count
            let labelWidth = Double(marker.label.count + 6) * 6.5
            if row == labelEnds.count { labelEnds.append(mx + labelWidth) } else { labelEnds[row] = mx + labelWidth }
            out += "<text x=\"\(fmt(mx + 3))\" y=\"\(fmt(top - 4 - Double(row) * 12))\" font-size=\"11\">"
            out += "\(escape(marker.label)) \(marker.step)</text>\n"
        }
        let stepTicks = NiceTicks.linear(lo...(lo + span), count: 8)
        let stepSpacing = stepTicks.count > 1 ? stepTicks[1] - stepTicks[0] : span
        for tick in stepTicks {
            let tx = left + (tick - lo) / span * plotWidth
            out += "<text x=\"\(fmt(tx))\" y=\"\(fmt(plotBottom + 16))\" font-size=\"11\" text-anchor=\"middle\">"
            out += "\(ValueText.tick(tick, step: stepSpacing))</text>\n"
        }
        out += "<text x=\"\(fmt(left + plotWidth / 2))\" y=\"\(fmt(plotBottom + 32))\" font-size=\"12\" "
        out += "text-anchor=\"middle\">step</text>\n"
        var legendY = 16.0
        for band in figure.bands {
            out += "<rect x=\"\(fmt(width - right + 12))\" y=\"\(fmt(legendY - 10))\" width=\"12\" height=\"12\" "
            out += "fill=\"\(escape(band.color))\" fill-opacity=\"0.5\"/>"
            out += "<text x=\"\(fmt(width - right + 30))\" y=\"\(fmt(legendY))\" font-size=\"11\">"
            out += "\(escape(band.label))</text>\n"
            legendY += 15
        }
        return out + "</svg>\n"
    }

    private static func panelBody(_ panel: ReportFigure.Panel, y0: Double, x: (Int) -> Double) -> String {
        let transform: (Double) -> Double? = { v in
            guard v.isFinite else { return nil }
            if panel.logScale { return v > 0 ? Foundation.log10(v) : nil }
            return v
        }
        let values = panel.curves.flatMap { $0.points.compactMap { transform($0.value) } }
        guard var lo = values.min(), var hi = values.max() else { return "" }
        if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
        // Halves: values near ±1.8e308 have a span that overflows to infinity (coordinates were -nan).
        let pad = (hi / 2 - lo / 2) * 0.1
        lo = max(lo - pad, -Double.greatestFiniteMagnitude)
        hi = min(hi + pad, Double.greatestFiniteMagnitude)
        let halfSpan = hi / 2 - lo / 2
        func y(_ v: Double) -> Double { y0 + panelHeight - (v / 2 - lo / 2) / halfSpan * panelHeight }

        var out = ""
        let ticks = (hi - lo).isFinite ? NiceTicks.linear(lo...hi, count: 5) : [lo, hi]
        let spacing = ticks.count > 1 ? ticks[1] - ticks[0] : hi - lo
        for tick in ticks {
            let label =
                panel.logScale ? ValueText.compact(Foundation.pow(10, tick)) : ValueText.tick(tick, step: spacing)
            out += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(tick) + 4))\" font-size=\"10\" text-anchor=\"end\">"
            out += "\(label)</text>\n"
        }
        for (index, curve) in panel.curves.enumerated() {
            for run in segments(curve.points, transform) where !run.isEmpty {
                let coords = run.map { "\(fmt(x($0.step))),\(fmt(y($0.value)))" }.joined(separator: " ")
                out += "<polyline fill=\"none\" stroke=\"\(escape(curve.color))\" stroke-width=\"1.6\" "
                out += "points=\"\(coords)\"/>\n"
            }
            let ly = y0 + 34 + Double(index) * 16
            out += "<text x=\"\(fmt(width - right + 12))\" y=\"\(fmt(ly))\" font-size=\"11\" "
            out += "fill=\"\(escape(curve.color))\">— \(escape(curve.label))</text>\n"
        }
        return out
    }

    /// Splits a curve into runs of drawable points; a non-finite value (or a non-positive one on a log
    /// axis) ends a run, so divergence shows as a gap rather than a line to zero.
    public static func segments(_ points: [(step: Int, value: Double)], _ transform: (Double) -> Double?)
        -> [[(step: Int, value: Double)]]
    {
        var runs: [[(step: Int, value: Double)]] = [[]]
        for point in points {
            if let v = transform(point.value) {
                runs[runs.count - 1].append((point.step, v))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs
    }

    /// One decimal; never `nan`/`inf` in an attribute (a coordinate off the page is clamped).
    static func fmt(_ v: Double) -> String { String(format: "%.1f", v.isNaN ? 0 : min(max(v, -1e6), 1e6)) }

    /// XML text and attribute escaping (the same rule as the screen export).
    public static func escape(_ s: String) -> String { CellGrid.xmlEscaped(s) }
}
