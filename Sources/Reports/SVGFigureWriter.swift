import Foundation
import TUI
import TextFormat

/// Draws a `ReportFigure` as a self-contained SVG (no scripts, no external fonts or images): one panel
/// per row, phase bands behind every panel, markers across all of them. Opens in any browser.
public enum SVGFigureWriter {
    /// Page shapes: `.page` stacks the panels (960 wide, for documents); `.slide` is a landscape
    /// 16:9 figure (1920×1080) with the panels in a 2×2 grid and larger type, for talks.
    public enum Layout: Sendable {
        case page, slide
    }

    static let width = 960.0
    static let panelHeight = 220.0
    static let left = 70.0, right = 150.0, top = 84.0, gap = 36.0, bottomAxis = 40.0

    /// Where one panel's plot goes, and where its legend goes.
    struct PanelBox {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
        var legendX: Double
        var fontScale: Double
    }

    public static func svg(_ figure: ReportFigure, layout: Layout = .page) -> String {
        let pageWidth: Double
        let pageHeight: Double
        var boxes: [PanelBox] = []
        let scale = layout == .slide ? 1.6 : 1.0
        switch layout {
        case .page:
            pageWidth = width
            // The paper-figure scatter row (test loss against LMN and L2) goes under the panels on a page.
            pageHeight =
                top + Double(figure.panels.count) * (panelHeight + gap) + bottomAxis
                + (figure.scatters.isEmpty ? 0 : SVGScatterWriter.height)
            for index in figure.panels.indices {
                boxes.append(
                    PanelBox(
                        x: left, y: top + Double(index) * (panelHeight + gap), width: width - left - right,
                        height: panelHeight, legendX: width - right + 12, fontScale: 1))
            }
        case .slide:
            (pageWidth, pageHeight) = (1920, 1080)
            let columns = figure.panels.count > 1 ? 2 : 1
            let rows = max(1, (figure.panels.count + columns - 1) / columns)
            let (marginLeft, marginRight, marginTop, marginBottom) = (110.0, 40.0, 190.0, 40.0)
            let (hGap, vGap) = (150.0, 110.0)
            let cellWidth = (pageWidth - marginLeft - marginRight - Double(columns - 1) * hGap) / Double(columns)
            let cellHeight = (pageHeight - marginTop - marginBottom - Double(rows - 1) * vGap) / Double(rows) - 40
            let legendRoom = 140.0
            for index in figure.panels.indices {
                let (r, c) = (index / columns, index % columns)
                let x = marginLeft + Double(c) * (cellWidth + hGap)
                boxes.append(
                    PanelBox(
                        x: x, y: marginTop + Double(r) * (cellHeight + 40 + vGap), width: cellWidth - legendRoom,
                        height: cellHeight, legendX: x + cellWidth - legendRoom + 12, fontScale: scale))
            }
        }

        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(pageWidth))" height="\(fmt(pageHeight))" \
            viewBox="0 0 \(fmt(pageWidth)) \(fmt(pageHeight))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="\(fmt(boxes.first?.x ?? left))" y="\(fmt(26 * scale))" font-size="\(fmt(18 * scale))" \
            font-weight="bold">\(escape(figure.title))</text>
            <text x="\(fmt(boxes.first?.x ?? left))" y="\(fmt(46 * scale))" font-size="\(fmt(12 * scale))" \
            fill="#555555">\(escape(figure.subtitle))</text>

            """
        for (panel, box) in zip(figure.panels, boxes) {
            out += panelSVG(panel, figure: figure, box: box, stepAxis: layout == .slide)
        }
        if layout == .page, let last = boxes.last {
            out += markersSVG(figure, top: top, bottom: last.y + last.height, box: last, labels: true)
            out += stepAxisSVG(figure, box: last)
            out += SVGScatterWriter.svg(
                caption: figure.scatterCaption, scatters: figure.scatters, top: last.y + last.height + bottomAxis,
                left: last.x, width: last.width)
        }
        // Phase legend: top right on a page, along the title row on a slide.
        var legendX = layout == .slide ? pageWidth - 760 : width - right + 12
        var legendY = layout == .slide ? 40.0 : 16.0
        for band in figure.bands {
            let size = 12 * scale
            out += "<rect x=\"\(fmt(legendX))\" y=\"\(fmt(legendY - size + 2))\" width=\"\(fmt(size))\" "
            out += "height=\"\(fmt(size))\" fill=\"\(escape(band.color))\" fill-opacity=\"0.5\"/>"
            out += "<text x=\"\(fmt(legendX + size + 6))\" y=\"\(fmt(legendY))\" font-size=\"\(fmt(11 * scale))\">"
            out += "\(escape(band.label))</text>\n"
            if layout == .slide { legendX += 240 } else { legendY += 15 }
        }
        return out + "</svg>\n"
    }

    /// One panel: phase bands, frame, title, ticks, curves, legend; on a slide also its own markers
    /// and step axis (panels sit side by side).
    static func panelSVG(_ panel: ReportFigure.Panel, figure: ReportFigure, box: PanelBox, stepAxis: Bool) -> String {
        let lo = Double(figure.stepRange.lowerBound)
        let span = max(1, Double(figure.stepRange.upperBound) - lo)
        func x(_ step: Int) -> Double { box.x + (Double(step) - lo) / span * box.width }
        var out = "<g class=\"panel\">\n"
        for band in figure.bands {
            let x0 = x(band.steps.lowerBound), x1 = x(band.steps.upperBound)
            out += "<rect class=\"phase-band\" data-phase=\"\(escape(band.label))\" x=\"\(fmt(x0))\" "
            out += "y=\"\(fmt(box.y))\" width=\"\(fmt(max(0, x1 - x0)))\" height=\"\(fmt(box.height))\" "
            out += "fill=\"\(escape(band.color))\" fill-opacity=\"0.18\"/>\n"
        }
        out += "<rect x=\"\(fmt(box.x))\" y=\"\(fmt(box.y))\" width=\"\(fmt(box.width))\" "
        out += "height=\"\(fmt(box.height))\" fill=\"none\" stroke=\"#888888\"/>\n"
        out += "<text x=\"\(fmt(box.x + 6))\" y=\"\(fmt(box.y + 16 * box.fontScale))\" "
        out += "font-size=\"\(fmt(13 * box.fontScale))\" font-weight=\"bold\">"
        out += "\(escape(panel.title))\(panel.logScale ? " (log)" : "")</text>\n"
        out += panelBody(panel, box: box, x: x)
        if stepAxis {
            out += markersSVG(figure, top: box.y, bottom: box.y + box.height, box: box, labels: true)
            out += stepAxisSVG(figure, box: box)
        }
        return out + "</g>\n"
    }

    /// Dashed marker lines from `top` to `bottom`, labels stacked above `top` when close.
    static func markersSVG(_ figure: ReportFigure, top: Double, bottom: Double, box: PanelBox, labels: Bool) -> String {
        let lo = Double(figure.stepRange.lowerBound)
        let span = max(1, Double(figure.stepRange.upperBound) - lo)
        var out = ""
        var labelEnds: [Double] = []  // right edge of the labels on each row, to stack close markers
        let fontSize = 11 * box.fontScale
        for marker in figure.markers.sorted(by: { $0.step < $1.step }) {
            let mx = box.x + (Double(marker.step) - lo) / span * box.width
            out += "<line class=\"marker\" x1=\"\(fmt(mx))\" y1=\"\(fmt(top))\" x2=\"\(fmt(mx))\" "
            out += "y2=\"\(fmt(bottom))\" stroke=\"#333333\" stroke-dasharray=\"4 3\"/>\n"
            guard labels else { continue }
            let row = labelEnds.firstIndex { $0 < mx } ?? labelEnds.count
            let labelWidth = Double(marker.label.count + 6) * 6.5 * box.fontScale
            if row == labelEnds.count { labelEnds.append(mx + labelWidth) } else { labelEnds[row] = mx + labelWidth }
            out += "<text x=\"\(fmt(mx + 3))\" y=\"\(fmt(top - 4 - Double(row) * (fontSize + 1)))\" "
            out += "font-size=\"\(fmt(fontSize))\">\(escape(marker.label)) \(marker.step)</text>\n"
        }
        return out
    }

    /// Step ticks and the "step" caption under a panel.
    static func stepAxisSVG(_ figure: ReportFigure, box: PanelBox) -> String {
        let lo = Double(figure.stepRange.lowerBound)
        let span = max(1, Double(figure.stepRange.upperBound) - lo)
        let bottom = box.y + box.height
        let fontSize = 11 * box.fontScale
        var out = ""
        let stepTicks = NiceTicks.linear(lo...(lo + span), count: box.fontScale > 1 ? 6 : 8)
        let stepSpacing = stepTicks.count > 1 ? stepTicks[1] - stepTicks[0] : span
        for tick in stepTicks {
            let tx = box.x + (tick - lo) / span * box.width
            out += "<text x=\"\(fmt(tx))\" y=\"\(fmt(bottom + 16 * box.fontScale))\" font-size=\"\(fmt(fontSize))\" "
            out += "text-anchor=\"middle\">\(ValueText.tick(tick, step: stepSpacing))</text>\n"
        }
        out += "<text x=\"\(fmt(box.x + box.width / 2))\" y=\"\(fmt(bottom + 32 * box.fontScale))\" "
        out += "font-size=\"\(fmt(12 * box.fontScale))\" text-anchor=\"middle\">step</text>\n"
        return out
    }

    private static func panelBody(_ panel: ReportFigure.Panel, box: PanelBox, x: (Int) -> Double) -> String {
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
        func y(_ v: Double) -> Double { box.y + box.height - (v / 2 - lo / 2) / halfSpan * box.height }

        var out = ""
        let ticks = (hi - lo).isFinite ? NiceTicks.linear(lo...hi, count: 5) : [lo, hi]
        let spacing = ticks.count > 1 ? ticks[1] - ticks[0] : hi - lo
        for tick in ticks {
            let label =
                panel.logScale ? ValueText.compact(Foundation.pow(10, tick)) : ValueText.tick(tick, step: spacing)
            out += "<text x=\"\(fmt(box.x - 6))\" y=\"\(fmt(y(tick) + 4))\" font-size=\"\(fmt(10 * box.fontScale))\" "
            out += "text-anchor=\"end\">\(label)</text>\n"
        }
        for (index, curve) in panel.curves.enumerated() {
            for run in segments(curve.points, transform) where !run.isEmpty {
                let coords = run.map { "\(fmt(x($0.step))),\(fmt(y($0.value)))" }.joined(separator: " ")
                out += "<polyline fill=\"none\" stroke=\"\(escape(curve.color))\" "
                out += "stroke-width=\"\(fmt(1.6 * box.fontScale))\" points=\"\(coords)\"/>\n"
            }
            let ly = box.y + (34 + Double(index) * 16) * box.fontScale
            out += "<text x=\"\(fmt(box.legendX))\" y=\"\(fmt(ly))\" font-size=\"\(fmt(11 * box.fontScale))\" "
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
    public static func escape(_ s: String) -> String { XMLText.escaped(s) }
}
