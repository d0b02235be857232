import Foundation
import Sweeps
import TextFormat

/// `grokscope report DIR --svg FILE`: the sweep's phase diagram as a self-contained SVG heatmap
/// (docs/runs-table.md): one `<rect class="cell">` per grid point, filled with its dominant outcome's
/// colour (grokked cells darker the longer their median delay), the letter, finished/total and the
/// median delay as text, axis labels and a legend. A one-option sweep is a single strip.
public enum PhaseDiagramSVG {
    /// Fixed colours (the file must read the same everywhere, whatever the terminal theme).
    public static func color(_ outcome: RunOutcome?) -> String {
        switch outcome {
        case nil: return "#eeeeee"
        case .noMemorization?: return "#bdbdbd"
        case .memorizedOnly?: return "#f4a261"
        case .grokked?: return "#2a9d8f"
        case .noDelay?: return "#8ecae6"
        case .diverged?: return "#d62828"
        case .failed?: return "#6d597a"
        }
    }

    /// Grokked cells: from a pale green (short delay) to a deep green (the longest delay in the diagram).
    public static func grokkedShade(delay: Int?, longest: Int?) -> String {
        guard let delay, let longest, longest > 0 else { return color(.grokked) }
        let t = max(0, min(1, Double(delay) / Double(longest)))
        let pale = (0xb7, 0xe4, 0xc7)
        let deep = (0x1b, 0x5e, 0x20)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(pale.0, deep.0), mix(pale.1, deep.1), mix(pale.2, deep.2))
    }

    public static func svg(_ diagram: PhaseDiagram, title: String) -> String {
        let cellW = 110.0
        let cellH = 64.0
        let left = 130.0
        let top = 70.0
        let nx = Double(diagram.xValues.count)
        let ny = Double(diagram.yValues.count)
        let legendTop = top + ny * cellH + 50
        let width = max(left + nx * cellW + 30, 640)
        let height = legendTop + 40
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
        out += "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" font-family=\"sans-serif\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += text("phase diagram: " + title, x: 20, y: 28, size: 16, extra: " font-weight=\"bold\"")
        let axes = diagram.xOption + " (x)" + (diagram.yOption.map { " × " + $0 + " (y)" } ?? "")
        out += text(axes + "; cell: outcome of most seeds, finished/total, median delay", x: 20, y: 50, size: 12)
        let longest = diagram.maxMedianDelay
        for yIndex in diagram.yValues.indices {
            let y0 = top + (ny - 1 - Double(yIndex)) * cellH  // first y value at the bottom, as in a plot
            if diagram.yOption != nil {
                out += text(diagram.yValues[yIndex], x: left - 10, y: y0 + cellH / 2 + 4, size: 12, anchor: "end")
            }
            for xIndex in diagram.xValues.indices {
                let cell = diagram.cells[yIndex][xIndex]
                let x0 = left + Double(xIndex) * cellW
                let fill =
                    cell.dominant == .grokked
                    ? grokkedShade(delay: cell.medianDelay, longest: longest) : color(cell.dominant)
                out += "<rect class=\"cell\" data-outcome=\"\(escape(cell.dominant?.rawValue ?? "none"))\" "
                out += "data-x=\"\(escape(diagram.xValues[xIndex]))\""
                if diagram.yOption != nil { out += " data-y=\"\(escape(diagram.yValues[yIndex]))\"" }
                out += " x=\"\(fmt(x0))\" y=\"\(fmt(y0))\" width=\"\(fmt(cellW - 2))\" height=\"\(fmt(cellH - 2))\" "
                out += "fill=\"\(fill)\" stroke=\"#ffffff\"/>\n"
                let ink =
                    cell.dominant == .grokked && (cell.medianDelay ?? 0) * 2 > (longest ?? 0) ? "#ffffff" : "#111111"
                let label = "\(RunOutcome.letter(cell.dominant)) \(cell.finished)/\(cell.runs.count)"
                out += text(label, x: x0 + 8, y: y0 + 24, size: 14, extra: " fill=\"\(ink)\" font-weight=\"bold\"")
                if let d = cell.medianDelay {
                    out += text(
                        "delay \(d)", x: x0 + 8, y: y0 + 46, size: 12, extra: " fill=\"\(ink)\" class=\"delay\"")
                }
            }
        }
        for xIndex in diagram.xValues.indices {
            let x = left + Double(xIndex) * cellW + (cellW - 2) / 2
            out += text(diagram.xValues[xIndex], x: x, y: top + ny * cellH + 18, size: 12, anchor: "middle")
        }
        out += text(diagram.xOption, x: left + nx * cellW / 2, y: top + ny * cellH + 36, size: 12, anchor: "middle")
        if let yOption = diagram.yOption { out += text(yOption, x: 20, y: top - 8, size: 12) }
        var lx = 20.0
        for outcome in RunOutcome.allCases {
            out += "<rect class=\"legend\" data-outcome=\"\(escape(outcome.rawValue))\" x=\"\(fmt(lx))\" "
            out += "y=\"\(fmt(legendTop))\" width=\"14\" height=\"14\" fill=\"\(color(outcome))\"/>\n"
            let label = "\(RunOutcome.letter(outcome)) \(outcome.rawValue)"
            out += text(label, x: lx + 18, y: legendTop + 12, size: 11)
            lx += 18 + Double(label.count) * 6.2 + 14
        }
        out += "</svg>\n"
        return out
    }


    static func text(
        _ s: String, x: Double, y: Double, size: Int, anchor: String = "start", extra: String = ""
    ) -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\"\(extra)>"
            + escape(s) + "</text>\n"
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    /// XML-escaped, unsafe characters replaced (names and values come from files on disk).
    static func escape(_ s: String) -> String { XMLText.escaped(s) }
}
