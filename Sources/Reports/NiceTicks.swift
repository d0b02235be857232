import Foundation

/// Axis ticks on 1-2-5 steps, and short labels for them.
enum NiceTicks {
    /// About `count` ticks covering [lo, hi], at multiples of a 1-, 2- or 5-times power of ten.
    static func ticks(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo, count > 0 else { return [] }
        let raw = (hi - lo) / Double(count)
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var tick = Foundation.ceil(lo / step) * step
        var out: [Double] = []
        while tick <= hi + step * 1e-9 {
            out.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return out
    }

    static func label(_ v: Double) -> String {
        let a = abs(v)
        if a == 0 { return "0" }
        if a >= 1e5 || a < 1e-3 { return String(format: "%.0e", v) }
        if a >= 100 || v == v.rounded() { return String(format: "%.0f", v) }
        return String(format: a >= 1 ? "%.1f" : "%.3g", v)
    }
}
