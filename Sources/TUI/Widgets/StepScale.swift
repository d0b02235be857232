import Foundation
import TextFormat

/// The shared x axis of every chart and phase band: maps a step to a fraction 0…1 of the visible
/// window, linearly or on a log axis (log10(1 + s − lo) / log10(1 + hi − lo), the same formula the
/// monitor buckets data columns with), and back.
public struct StepScale: Equatable, Sendable {
    public let steps: ClosedRange<Int>
    public let isLog: Bool

    public init(steps: ClosedRange<Int>, isLog: Bool = false) {
        self.steps = steps
        self.isLog = isLog
    }

    var span: Double { max(1, Double(steps.upperBound) - Double(steps.lowerBound)) }

    public func fraction(_ step: Int) -> Double {
        let offset = Double(step) - Double(steps.lowerBound)
        if isLog { return offset <= 0 ? 0 : min(1, log1p(offset) / log1p(span)) }
        return min(1, max(0, offset / span))
    }

    /// The step at a fraction of the window (inverse of `fraction`).
    public func step(at fraction: Double) -> Int {
        let f = min(1, max(0, fraction))
        let offset = isLog ? expm1(f * log1p(span)) : f * span
        return steps.lowerBound + Int(offset.rounded())
    }

    /// Column of `step` among `width` columns (0 = left), nil outside the window.
    func column(_ step: Int, width: Int) -> Int? {
        guard steps.contains(step), width > 0 else { return nil }
        return Int((fraction(step) * Double(width - 1)).rounded())
    }

    /// Tick steps for about `count` labels: nice linear steps, or 0 and powers of ten past the start.
    func ticks(count: Int) -> [Int] {
        let lo = steps.lowerBound
        let hi = steps.upperBound
        if isLog {
            var out = [lo]
            var p = 1
            while p <= hi - lo {
                out.append(lo + p)
                if p > Int.max / 10 { break }
                p *= 10
            }
            return out
        }
        let values = NiceTicks.linear(Double(lo)...Double(max(hi, lo + 1)), count: count)
        return values.map { Int($0.rounded()) }.filter { steps.contains($0) }
    }
}

/// One row of step labels under a plot, aligned with its columns; labels never overlap.
enum XAxis {
    static func draw(
        _ scale: StepScale, in grid: inout CellGrid, x: Int, y: Int, width: Int, labelX: Int, palette: Palette
    ) {
        guard width > 4 else { return }
        let style = palette.style(.axis)
        if x - labelX >= 5 { grid.write("step", x: labelX, y: y, style: style, maxWidth: x - labelX - 1) }
        var taken = x  // first free column
        for tick in scale.ticks(count: max(2, width / 9)) {
            guard let col = scale.column(tick, width: width) else { continue }
            let text = ValueText.steps(tick)
            let length = DisplayWidth.width(of: text)
            let start = min(max(x, x + col - length / 2), x + width - length)
            guard start >= taken else { continue }
            grid.write(text, x: start, y: y, style: style)
            taken = start + length + 1
        }
    }
}
