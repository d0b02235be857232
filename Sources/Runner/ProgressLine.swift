import Foundation
import Snapshots

/// One line per evaluation for headless runs:
/// `step   1200/20000  loss 0.0012/2.3100  acc 100.0%/12.4%  lmn 4.21 (N=128)  l2 45.20  812 steps/s  ETA 0:23`
public enum ProgressLine {
    public static func format(_ progress: SessionProgress) -> String {
        let e = progress.evaluation
        let width = String(progress.totalSteps).count
        var parts = [
            "step \(String(repeating: " ", count: max(0, width - String(e.step).count)))\(e.step)/\(progress.totalSteps)",
            "loss \(metric(e, MetricName.trainLoss))/\(metric(e, MetricName.testLoss))",
            "acc \(e[MetricName.trainAccuracy].map(percent) ?? "–")/\(e[MetricName.testAccuracy].map(percent) ?? "–")",
        ]
        if let lmn = e[MetricName.lmn] {
            parts.append("lmn \(fixed(lmn, 2))" + (progress.probeSize.map { " (N=\($0))" } ?? ""))
        }
        if let l2 = e[MetricName.l2] { parts.append("l2 \(fixed(l2, 2))") }
        if progress.stepsPerSecond > 0, progress.stepsPerSecond < 1e15 {
            parts.append("\(Int(progress.stepsPerSecond.rounded())) steps/s")
            let remaining = Double(progress.totalSteps - e.step) / progress.stepsPerSecond
            parts.append("ETA \(duration(remaining))")
        }
        return parts.joined(separator: "  ")
    }

    private static func metric(_ e: Evaluation, _ name: String) -> String {
        e[name].map(number) ?? "–"
    }

    /// Four decimals; below 0.01 three significant digits (0.00612, 6.86e-07), so a small final
    /// loss is shown as recorded rather than rounded to 0.0061 or 0.0000; huge values in exponent
    /// form; or `nan`/`inf`.
    public static func number(_ value: Double) -> String {
        if value.isFinite && value != 0 && abs(value) < 0.01 { return String(format: "%.3g", value) }
        return fixed(value, 4)
    }

    /// A fraction as a percentage with one decimal.
    public static func percent(_ fraction: Double) -> String {
        fraction.isFinite ? fixed(fraction * 100, 1) + "%" : "nan"
    }

    /// `decimals` decimals; a magnitude of 10^9 or more in exponent form (1.8e308 printed with `%f`
    /// is 309 digits); `nan`, `inf`, `-inf` as such.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return abs(value) >= 1e9 ? String(format: "%.3e", value) : String(format: "%.\(decimals)f", value)
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e15 else { return "?" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
