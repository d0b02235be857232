import Sweeps

/// The live phase diagram of a sweep over (up to) two grid options (docs/runs-table.md): one cell per
/// grid point, its outcome across seeds — the most common outcome among the finished runs (ties go
/// to the earlier `RunOutcome` case), how many finished of how many, and the median grokking delay.
public struct PhaseDiagram: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// Run ids at this grid point (all seeds), sorted.
        public var runs: [String]
        public var outcomes: [RunOutcome]
        /// The rows of the runs at this point (all seeds, finished or not), for the cursor's list.
        public var rows: [RunRow] = []
        public var finished: Int { outcomes.count }
        public var dominant: RunOutcome?
        /// Median t_gen − t_mem over the grokked runs.
        public var medianDelay: Int?
    }

    public var xOption: String
    public var xValues: [String]
    /// nil for a one-option sweep (a single row).
    public var yOption: String?
    public var yValues: [String]
    /// `cells[y][x]`.
    public var cells: [[Cell]]

    /// nil when there is no manifest or it has no grid option.
    public static func build(table: RunsTable, settings: SweepSettings?, now: Double) -> PhaseDiagram? {
        guard let settings, let xOption = settings.options.first else { return nil }
        let yOption = settings.options.count > 1 ? settings.options[1] : nil
        let xValues = settings.values[xOption] ?? []
        let yValues = yOption.map { settings.values[$0] ?? [] } ?? [""]
        var cells = yValues.map { _ in xValues.map { _ in Cell(runs: [], outcomes: []) } }
        let rowsByName = Dictionary(table.rows(now: now).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var delays: [[[Int]]] = cells.map { $0.map { _ in [] } }
        for (name, run) in settings.runs.sorted(by: { $0.key < $1.key }) {
            guard let xi = run.values[xOption].flatMap({ xValues.firstIndex(of: $0) }) else { continue }
            let yi = yOption.map { y in run.values[y].flatMap { yValues.firstIndex(of: $0) } } ?? 0
            guard let yi, let row = rowsByName[name] else { continue }
            cells[yi][xi].runs.append(row.id)
            cells[yi][xi].rows.append(row)
            if let outcome = row.outcome, [.done, .failed, .stopped].contains(row.status) {
                cells[yi][xi].outcomes.append(outcome)
                if outcome == .grokked, let d = row.delay { delays[yi][xi].append(d) }
            }
        }
        for y in cells.indices {
            for x in cells[y].indices {
                let outcomes = cells[y][x].outcomes
                cells[y][x].dominant = RunOutcome.allCases.max { a, b in
                    outcomes.filter { $0 == a }.count < outcomes.filter { $0 == b }.count
                }.flatMap { best in outcomes.contains(best) ? best : nil }
                let sorted = delays[y][x].sorted()
                cells[y][x].medianDelay = sorted.isEmpty ? nil : sorted[sorted.count / 2]
            }
        }
        return PhaseDiagram(xOption: xOption, xValues: xValues, yOption: yOption, yValues: yValues, cells: cells)
    }

    /// The longest median delay over all grokked cells (the shading's scale).
    public var maxMedianDelay: Int? { cells.joined().compactMap(\.medianDelay).max() }

    /// "weight-decay=1 train-fraction=0.3": the grid point of cell (x, y), for the table's cell filter.
    public func label(x: Int, y: Int) -> String {
        var parts = [xOption + "=" + xValues[x]]
        if let yOption { parts.append(yOption + "=" + yValues[y]) }
        return parts.joined(separator: " ")
    }
}
