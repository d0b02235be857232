import Phases
import Runs

/// The text of one table cell (numbers short enough for narrow columns).
enum RunCellText {
    static func steps(_ v: Int?) -> String {
        guard let v else { return "-" }
        let a = abs(v)
        if a < 10_000 { return String(v) }
        if a < 100_000 { return fixed(Double(v) / 1000, 1) + "k" }
        if a < 1_000_000 { return String(v / 1000) + "k" }
        return fixed(Double(v) / 1_000_000, 1) + "M"
    }

    static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (abs(v) * scale).rounded()
        let whole = Int(r / scale)
        let frac = Int(r) - whole * Int(scale)
        var s = (v < 0 && r > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }

    static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "-" }
        return fixed(v * 100, 0) + "%"
    }

    static func signed(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "-" }
        return (v >= 0 ? "+" : "") + fixed(v, 2)
    }

    static func verdict(_ v: PhaseVerdict) -> String {
        switch v {
        case .notYet: return "not yet"
        case .memorizing: return "memorizing"
        case .memorized: return "memorized"
        case .compressionNotMeasured: return "memorized (no LMN)"
        case .compressing: return "compressing"
        case .notGeneralizing: return "not generalizing"
        case .generalized: return "generalized"
        case .noGrokking: return "no grokking"
        }
    }

    static func text(_ row: RunRow, _ column: RunColumn) -> String {
        switch column {
        case .name: return (row.isMarked ? "* " : "  ") + row.name
        case .status: return row.status.rawValue
        case .phase: return verdict(row.verdict)
        case .step:
            let step = steps(row.step)
            return row.totalSteps.map { step + "/" + steps($0) } ?? step
        case .tMem: return steps(row.tMem)
        case .tGen: return steps(row.tGen)
        case .delay: return steps(row.delay)
        case .lmnDrop: return percent(row.lmnDrop)
        case .correlation: return signed(row.lossLMNCorrelation)
        case .testAccuracy: return percent(row.testAccuracy)
        case .accuracyTrace, .lmnTrace: return ""
        }
    }
}
