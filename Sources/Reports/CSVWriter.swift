import Snapshots

/// Every series of a run as CSV: one row per evaluation, `step,time,<metric>…` with metrics in a
/// stable order (well-known first, then alphabetical). Missing values are empty cells; non-finite
/// values are written as `nan`, `inf`, `-inf` (what pandas and numpy read back).
public enum CSVWriter {
    public static func csv(_ evaluations: [Evaluation]) -> String {
        let names = columnOrder(Set(evaluations.flatMap { $0.metrics.keys }))
        var out = (["step", "time"] + names.map(quoteIfNeeded)).joined(separator: ",") + "\n"
        out.reserveCapacity(evaluations.count * (names.count + 2) * 12)
        for evaluation in evaluations {
            var row = ["\(evaluation.step)", format(evaluation.wallTime)]
            for name in names { row.append(evaluation.metrics[name].map(format) ?? "") }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    static let wellKnown = [
        MetricName.trainLoss, MetricName.testLoss, MetricName.trainAccuracy, MetricName.testAccuracy,
        MetricName.lmn, MetricName.l2, MetricName.learningRate,
    ]

    static func columnOrder(_ names: Set<String>) -> [String] {
        wellKnown.filter(names.contains) + names.subtracting(wellKnown).sorted()
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return "\(v)"
    }

    /// Metric names come from the stream: quote any that could break the CSV structure.
    static func quoteIfNeeded(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
