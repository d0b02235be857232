import Foundation

/// Axis ticks at "nice" values: multiples of 1, 2 or 5 × 10^k (Heckbert's rule, the core of the
/// extended-Talbot labelling), or powers of ten on a log axis.
public enum NiceTicks {
    /// Ticks covering `range` with about `count` values (at least 2), all inside the range.
    public static func linear(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        let lo = range.lowerBound
        let hi = range.upperBound
        guard lo.isFinite, hi.isFinite, hi > lo, count >= 2 else { return lo.isFinite ? [lo] : [] }
        // Divided first: hi - lo overflows to infinity for values near ±1.8e308.
        let step = niceStep(for: hi / Double(count - 1) - lo / Double(count - 1))
        var ticks: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9, ticks.count < 100 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return ticks
    }

    /// The nice step (1, 2, 5 × 10^k) nearest to a raw step (Heckbert's rounding rule).
    public static func niceStep(for raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = floor(log10(raw))
        let magnitude = pow(10, exponent)
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Ticks for a log axis over positive `range` (values, not logs): powers of ten, thinned to
    /// at most `count`; when fewer than two decades fit, 1-2-5 within the decade.
    public static func logarithmic(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        guard range.lowerBound > 0, range.upperBound.isFinite, count >= 1 else { return [] }
        let lo = log10(range.lowerBound)
        let hi = log10(range.upperBound)
        var decades = Array(Int(ceil(lo - 1e-9))...max(Int(ceil(lo - 1e-9)), Int(floor(hi + 1e-9))))
            .map { pow(10, Double($0)) }
            .filter { $0 >= range.lowerBound * (1 - 1e-9) && $0 <= range.upperBound * (1 + 1e-9) }
        if decades.count >= 2 {
            let stride = Int(ceil(Double(decades.count) / Double(max(1, count))))
            if stride > 1 { decades = decades.enumerated().filter { $0.offset % stride == 0 }.map(\.element) }
            return decades
        }
        var ticks: [Double] = []
        var decade = pow(10, floor(lo))
        while decade <= range.upperBound {
            for m in [1.0, 2.0, 5.0] {
                let v = m * decade
                if v >= range.lowerBound * (1 - 1e-9) && v <= range.upperBound * (1 + 1e-9) { ticks.append(v) }
            }
            decade *= 10
        }
        return ticks.count > count ? Array(ticks.prefix(count)) : ticks
    }
}

/// Short number formatting for axes, titles and panels (fixed rules, no locale).
public enum ValueText {
    /// At most ~6 characters: 0.0123, 1.23, 123.4, 1.2e+05, 3e-05.
    public static func compact(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 {
            var s = String(format: "%.1e", v)
            s = s.replacingOccurrences(of: ".0e", with: "e")
            return s
        }
        let decimals = a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4
        return trimZeros(String(format: "%.\(decimals)f", v))
    }

    /// For axis labels: shortest of the compact form and a rounded form that keeps ticks distinct.
    public static func tick(_ v: Double, step: Double) -> String {
        guard v.isFinite else { return compact(v) }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 || !step.isFinite || step <= 0 { return compact(v) }
        let decimals = max(0, min(6, Int(-floor(log10(step)))))
        return trimZeros(String(format: "%.\(decimals)f", v))
    }

    public static func percent(_ v: Double) -> String {
        guard v.isFinite else { return compact(v) }
        return String(format: "%.1f%%", v * 100).replacingOccurrences(of: ".0%", with: "%")
    }

    /// Step counts: 950, 12.3k, 1.2M.
    public static func steps(_ n: Int) -> String {
        let a = abs(n)
        if a < 10_000 { return String(n) }
        if a < 1_000_000 { return trimZeros(String(format: "%.1f", Double(n) / 1000)) + "k" }
        return trimZeros(String(format: "%.2f", Double(n) / 1_000_000)) + "M"
    }

    /// Durations: 45s, 12:03, 1:02:03.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60)
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return h > 0 ? "\(h):\(two(m)):\(two(sec))" : "\(m):\(two(sec))"
    }

    static func trimZeros(_ s: String) -> String {
        guard s.contains("."), !s.contains("e") else { return s }
        var t = Substring(s)
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return String(t)
    }
}
