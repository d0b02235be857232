import Foundation
import Phases
import TUI
import TextFormat

/// The "paper figure" row of the report SVG: test loss against LMN and against L2 over the
/// compression window, side by side, each with its least-squares line and linearity numbers
/// (docs/linearity.md). Older dots are paler.
enum SVGScatterWriter {
    static let height = 300.0
    static let captionHeight = 28.0

    /// The row's SVG, drawn from `top` across `left…left+width`.
    static func svg(caption: String, scatters: [ReportFigure.Scatter], top: Double, left: Double, width: Double)
        -> String
    {
        guard !scatters.isEmpty else { return "" }
        let fmt = SVGFigureWriter.fmt
        let escape = SVGFigureWriter.escape
        var out = "<text class=\"paper-figure-caption\" x=\"\(fmt(left))\" y=\"\(fmt(top + 16))\" "
        out += "font-size=\"13\" font-weight=\"bold\">paper figure: \(escape(caption))</text>\n"
        let gap = 60.0
        let panelWidth = (width - gap * Double(scatters.count - 1)) / Double(scatters.count)
        for (i, scatter) in scatters.enumerated() {
            let x0 = left + Double(i) * (panelWidth + gap)
            out += panel(scatter, x0: x0, y0: top + captionHeight + 22, width: panelWidth, height: height - 70)
        }
        return out
    }

    private static func panel(_ s: ReportFigure.Scatter, x0: Double, y0: Double, width: Double, height: Double)
        -> String
    {
        let fmt = SVGFigureWriter.fmt
        let escape = SVGFigureWriter.escape
        var out = "<g class=\"paper-figure\" data-measure=\"\(escape(s.xLabel))\">\n"
        out += "<text x=\"\(fmt(x0))\" y=\"\(fmt(y0 - 22))\" font-size=\"12\" font-weight=\"bold\">"
        out += "test loss vs \(escape(s.xLabel))</text>\n"
        out += "<text class=\"linearity\" x=\"\(fmt(x0))\" y=\"\(fmt(y0 - 7))\" font-size=\"11\" fill=\"#555555\">"
        out += "\(escape(numbers(s)))</text>\n"
        out += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y0))\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
        out += "fill=\"none\" stroke=\"#888888\"/>\n"
        let xs = s.points.map(\.x)
        let ys = s.points.map(\.y)
        guard var xLo = xs.min(), var xHi = xs.max(), var yLo = ys.min(), var yHi = ys.max() else {
            return out + "<text x=\"\(fmt(x0 + 8))\" y=\"\(fmt(y0 + 20))\" font-size=\"11\">no data</text>\n</g>\n"
        }
        (xLo, xHi) = padded(xLo, xHi)
        (yLo, yHi) = padded(yLo, yHi)
        func px(_ x: Double) -> Double { x0 + (x - xLo) / (xHi - xLo) * width }
        func py(_ y: Double) -> Double { y0 + height - (y - yLo) / (yHi - yLo) * height }
        for (ticks, vertical) in [
            (NiceTicks.linear(xLo...xHi, count: 5), false), (NiceTicks.linear(yLo...yHi, count: 5), true),
        ] {
            let spacing = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            for t in ticks {
                let label = ValueText.tick(t, step: spacing)
                if vertical {
                    out += "<text x=\"\(fmt(x0 - 5))\" y=\"\(fmt(py(t) + 4))\" font-size=\"10\" text-anchor=\"end\">"
                } else {
                    out += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(y0 + height + 14))\" font-size=\"10\" "
                    out += "text-anchor=\"middle\">"
                }
                out += "\(label)</text>\n"
            }
        }
        out += "<text x=\"\(fmt(x0 + width / 2))\" y=\"\(fmt(y0 + height + 30))\" font-size=\"11\" "
        out += "text-anchor=\"middle\">\(escape(s.xLabel))</text>\n"
        let n = s.points.count
        for (i, p) in s.points.enumerated() {
            let opacity = n > 1 ? 0.25 + 0.75 * Double(i) / Double(n - 1) : 1
            out += "<circle class=\"scatter-dot\" cx=\"\(fmt(px(p.x)))\" cy=\"\(fmt(py(p.y)))\" r=\"2.6\" "
            out += "fill=\"\(escape(s.color))\" fill-opacity=\"\(String(format: "%.2f", opacity))\"/>\n"
        }
        if let fit = s.fit, let (a, b) = clip(fit, x: xLo...xHi, y: yLo...yHi) {
            out += "<line class=\"fit-line\" x1=\"\(fmt(px(a.x)))\" y1=\"\(fmt(py(a.y)))\" x2=\"\(fmt(px(b.x)))\" "
            out += "y2=\"\(fmt(py(b.y)))\" stroke=\"#000000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>\n"
        }
        return out + "</g>\n"
    }

    /// "r² 0.962 · monotone r² 0.999 · linearity 0.963 · 12 evaluations"
    static func numbers(_ s: ReportFigure.Scatter) -> String {
        guard let f = s.fit else { return "\(s.points.count) evaluations: not enough data for a fit" }
        let score = f.score.map { String(format: "%.3f", $0) } ?? "—"
        return String(format: "r² %.3f · monotone r² %.3f · linearity ", f.linearR2, f.monotoneR2)
            + "\(score) · \(f.count) evaluations"
    }

    private static func padded(_ lo: Double, _ hi: Double) -> (Double, Double) {
        let span = hi - lo
        if span <= 1e-12 * max(1, abs(hi)) { return (lo - max(0.5, abs(lo) * 0.1), hi + max(0.5, abs(hi) * 0.1)) }
        return (lo - 0.05 * span, hi + 0.05 * span)
    }

    /// The part of y = slope·x + intercept inside the box, as its two end points.
    static func clip(_ fit: LinearityFit, x: ClosedRange<Double>, y: ClosedRange<Double>)
        -> ((x: Double, y: Double), (x: Double, y: Double))?
    {
        var lo = x.lowerBound
        var hi = x.upperBound
        if fit.slope != 0 {
            let a = (y.lowerBound - fit.intercept) / fit.slope
            let b = (y.upperBound - fit.intercept) / fit.slope
            lo = max(lo, min(a, b))
            hi = min(hi, max(a, b))
        } else if !y.contains(fit.intercept) {
            return nil
        }
        guard lo < hi else { return nil }
        return ((lo, fit.slope * lo + fit.intercept), (hi, fit.slope * hi + fit.intercept))
    }
}
