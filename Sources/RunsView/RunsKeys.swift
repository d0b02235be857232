import Runs
import TUI

/// What the runs screen does with a key (docs/runs-table.md). Pure: the table and the filter-editing
/// flag change in place; the effect tells the loop what else to do.
public enum RunsKeys {
    public enum Effect: Equatable, Sendable {
        case none
        case redraw
        case quit
        /// Open this run's full dashboard.
        case open(String)
        /// Overlay these marked runs (the loop checks there are 2–8).
        case overlay([String])
        /// Show the sweep's phase diagram.
        case phaseDiagram
    }

    /// The keys, for the footer and docs/runs-table.md.
    public static let help =
        "up/down select  Enter open  space mark  o overlay  p diagram  < > sort  r reverse  / filter  q quit"

    public static func handle(_ key: KeyPress, table: inout RunsTable, editingFilter: inout Bool, now: Double) -> Effect
    {
        if editingFilter {
            switch key {
            case .enter:
                editingFilter = false
            case .escape:
                editingFilter = false
                table.filter = ""
            case .backspace:
                if !table.filter.isEmpty { table.filter.removeLast() }
            case .character(let c) where c.value >= 0x20 && c.value != 0x7F:
                if table.filter.unicodeScalars.count < 64 { table.filter.unicodeScalars.append(c) }
            default:
                return .none
            }
            table.moveSelection(by: 0, now: now)
            return .redraw
        }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .up, .character("k"): table.moveSelection(by: -1, now: now)
        case .down, .character("j"): table.moveSelection(by: 1, now: now)
        case .pageUp: table.moveSelection(by: -10, now: now)
        case .pageDown: table.moveSelection(by: 10, now: now)
        case .home: table.moveSelection(by: -Int.max / 2, now: now)
        case .end: table.moveSelection(by: Int.max / 2, now: now)
        case .character("<"), .left: table.cycleSortColumn(by: -1)
        case .character(">"), .right: table.cycleSortColumn(by: 1)
        case .character("r"): table.ascending.toggle()
        case .character("/"): editingFilter = true
        case .escape:
            guard !table.filter.isEmpty || table.cellFilter != nil else { return .none }
            table.filter = ""
            table.cellFilter = nil
            table.moveSelection(by: 0, now: now)
        case .character(" "):
            guard let id = table.selectedID else { return .none }
            table.toggleMark(id)
        case .enter:
            guard let id = table.selectedID, table.rows(now: now).contains(where: { $0.id == id }) else { return .none }
            return .open(id)
        case .character("o"):
            return .overlay(table.rows(now: now).filter(\.isMarked).map(\.id))
        case .character("p"):
            return .phaseDiagram
        case .resize: return .redraw
        default: return .none
        }
        return .redraw
    }
}
