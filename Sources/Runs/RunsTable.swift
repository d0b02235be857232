import Phases
import Snapshots

/// The runs table as a pure model: one tracker per stream, a sort column and direction, a filter, a
/// set of marked runs and a selection (docs/runs-table.md). The clock is passed in (`now`), never read.
public struct RunsTable: Sendable {
    public private(set) var trackers: [String: RunTracker] = [:]
    public var sortColumn: RunColumn = .name
    public var ascending = true
    /// Case-insensitive substring matched against the run's name and its status.
    public var filter = ""
    /// Only these runs show (a phase-diagram cell chosen with Enter), with the cell's label; Esc clears it.
    public var cellFilter: (label: String, ids: Set<String>)?
    public private(set) var marked: Set<String> = []
    /// The selected run's id (kept across re-sorts and new rows).
    public var selectedID: String?
    /// Seconds without a record before a run without an end record counts as stale.
    public var staleAfter: Double
    public let rules: PhaseRules

    public init(staleAfter: Double = 30, rules: PhaseRules = .paper) {
        self.staleAfter = staleAfter
        self.rules = rules
    }

    // MARK: - Feeding

    /// Adds a run (no-op when it is known; a known deleted run that reappears is un-deleted).
    public mutating func add(id: String, name: String, now: Double) {
        if trackers[id] != nil {
            trackers[id]!.isDeleted = false
            return
        }
        trackers[id] = RunTracker(id: id, name: name, rules: rules, seenAt: now)
        if selectedID == nil { selectedID = id }
    }

    public mutating func ingest(_ records: [Record], into id: String, now: Double) {
        trackers[id]?.ingest(records, at: now)
    }

    public mutating func markDeleted(_ id: String) { trackers[id]?.isDeleted = true }

    public mutating func setProblem(_ message: String?, for id: String) { trackers[id]?.problem = message }

    // MARK: - Rows

    /// The visible rows: filtered, then sorted (ties by name, then id, so the order is total).
    public func rows(now: Double) -> [RunRow] {
        let needle = filter.lowercased()
        var rows = trackers.values.map { $0.row(now: now, staleAfter: staleAfter, marked: marked.contains($0.id)) }
        if let only = cellFilter?.ids { rows = rows.filter { only.contains($0.id) } }
        if !needle.isEmpty {
            rows = rows.filter { $0.name.lowercased().contains(needle) || $0.status.rawValue.contains(needle) }
        }
        let column = sortColumn
        let ascending = ascending
        rows.sort { a, b in
            switch a.order(b, by: column) {
            case .missingFirst: return false  // missing values stay at the end in both directions
            case .missingSecond: return true
            case .less: return ascending
            case .greater: return !ascending
            case .same: break
            }
            if a.name != b.name { return a.name < b.name }
            return a.id < b.id
        }
        return rows
    }

    /// Runs per status (all runs, not just the filtered ones), for the header.
    public func counts(now: Double) -> [RunStatus: Int] {
        var counts: [RunStatus: Int] = [:]
        for tracker in trackers.values { counts[tracker.status(now: now, staleAfter: staleAfter), default: 0] += 1 }
        return counts
    }

    // MARK: - Interaction

    /// Sorts by `column`; choosing the current column again flips the direction.
    public mutating func sort(by column: RunColumn) {
        if column == sortColumn { ascending.toggle() } else { sortColumn = column; ascending = true }
    }

    /// Moves the sort to the next (`offset` 1) or previous (−1) sortable column, ascending.
    public mutating func cycleSortColumn(by offset: Int) {
        let columns = RunColumn.sortable
        let index = columns.firstIndex(of: sortColumn) ?? 0
        sortColumn = columns[((index + offset) % columns.count + columns.count) % columns.count]
        ascending = true
    }

    public mutating func toggleMark(_ id: String) {
        if marked.contains(id) { marked.remove(id) } else if trackers[id] != nil { marked.insert(id) }
    }

    /// Moves the selection by `offset` rows within the visible rows (clamped); selects the first row
    /// when the selected run is filtered out.
    public mutating func moveSelection(by offset: Int, now: Double) {
        let ids = rows(now: now).map(\.id)
        guard !ids.isEmpty else { return }
        let index = selectedID.flatMap { ids.firstIndex(of: $0) }
        guard let index else {
            selectedID = ids[0]
            return
        }
        selectedID = ids[max(0, min(ids.count - 1, index + offset))]
    }
}

extension RunsTable {
    /// The earliest time after `now` at which some run's status changes by itself (a live run without an
    /// end record turning stale); nil when none can (all ended, failed or deleted). Lets the screen skip
    /// rebuilding its rows while nothing was read and no such time has passed (docs/runs-table.md).
    public func nextStatusChange(after now: Double) -> Double? {
        var next: Double?
        for tracker in trackers.values where !tracker.isDeleted && tracker.end == nil && tracker.problem == nil {
            let turnsStale = tracker.lastActivity + staleAfter
            if turnsStale >= now, next.map({ turnsStale < $0 }) ?? true { next = turnsStale }
        }
        return next
    }
}
