import Runs
import TUI

/// Keys on the phase diagram (docs/runs-table.md): arrows (h j k l) move the cell cursor, Enter goes back
/// to the table limited to the cell's runs, Esc / q / p go back unfiltered. Pure, like `RunsKeys`.
public enum PhaseDiagramKeys {
    /// The cell under the cursor: x from the left, y from the bottom (the diagram's first y value).
    public struct Cursor: Equatable, Sendable {
        public var x = 0
        public var y = 0
        public init(x: Int = 0, y: Int = 0) {
            self.x = x
            self.y = y
        }
    }

    public enum Effect: Equatable, Sendable {
        case none
        case redraw
        /// Back to the table (a cell filter may have been set).
        case leave
    }

    public static let help = "arrows cell  Enter its runs  Esc back"

    public static func handle(
        _ key: KeyPress, diagram: PhaseDiagram?, cursor: inout Cursor, table: inout RunsTable, now: Double
    ) -> Effect {
        let columns = diagram?.xValues.count ?? 0
        let rows = diagram?.yValues.count ?? 0
        switch key {
        case .escape, .character("q"), .character("p"): return .leave
        case .left, .character("h"): cursor.x -= 1
        case .right, .character("l"): cursor.x += 1
        case .up, .character("k"): cursor.y += 1  // up the screen = the next y value
        case .down, .character("j"): cursor.y -= 1
        case .enter:
            guard let diagram, columns > 0, rows > 0 else { return .none }
            clamp(&cursor, columns: columns, rows: rows)
            let cell = diagram.cells[cursor.y][cursor.x]
            table.cellFilter = (diagram.label(x: cursor.x, y: cursor.y), Set(cell.runs))
            table.filter = ""
            table.moveSelection(by: 0, now: now)
            return .leave
        case .resize: return .redraw
        default: return .none
        }
        clamp(&cursor, columns: columns, rows: rows)
        return .redraw
    }

    static func clamp(_ cursor: inout Cursor, columns: Int, rows: Int) {
        cursor.x = max(0, min(columns - 1, cursor.x))
        cursor.y = max(0, min(rows - 1, cursor.y))
    }
}
