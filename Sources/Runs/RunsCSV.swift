import Phases
import Snapshots

/// `grokscope report DIR --csv`: one row per run — its name, the sweep's settings (when `sweep.json` is
/// there), status and outcome, t_mem, t_gen, delay, LMN drop, r(test loss, LMN) and the final figures.
/// Missing values are empty cells; text from the streams is quoted when it could break the structure.
public enum RunsCSV {
    static let finals = [
        MetricName.trainLoss, MetricName.testLoss, MetricName.trainAccuracy, MetricName.testAccuracy,
        MetricName.lmn, MetricName.l2,
    ]

    public static func csv(_ table: RunsTable, settings: SweepSettings?, now: Double) -> String {
        let options = settings?.options ?? []
        var header = ["name"] + options
        if settings != nil { header.append("seed") }
        header += [
            "status", "outcome", "phase", "step", "total_steps", "t_mem", "t_gen", "delay", "lmn_drop",
            "r_test_loss_lmn",
        ]
        header += finals.map { "final_" + $0 }
        var out = header.map(quote).joined(separator: ",") + "\n"
        var sorted = table
        sorted.sortColumn = .name
        sorted.ascending = true
        sorted.filter = ""
        for row in sorted.rows(now: now) {
            var cells = [row.name]
            if let settings {
                let run = settings.runs[row.name]
                cells += options.map { run?.values[$0] ?? "" }
                cells.append(run?.seed.map(String.init) ?? "")
            }
            cells += [
                row.status.rawValue, row.outcome?.rawValue ?? "", row.verdict.rawValue, text(row.step),
                text(row.totalSteps), text(row.tMem), text(row.tGen), text(row.delay), text(row.lmnDrop),
                text(row.lossLMNCorrelation),
            ]
            let last = table.trackers[row.id]?.lastEvaluation
            cells += finals.map { text(last?[$0]) }
            out += cells.map(quote).joined(separator: ",") + "\n"
        }
        return out
    }

    static func text(_ v: Int?) -> String { v.map(String.init) ?? "" }

    static func text(_ v: Double?) -> String {
        guard let v else { return "" }
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return "\(v)"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
