import Runs

/// Everything the runs screen draws, as one plain value (built from a `RunsTable` at a time `now`).
public struct RunsScreenModel: Sendable, Equatable {
    /// The folder watched (untrusted: sanitized when drawn).
    public var title: String
    public var rows: [RunRow]
    public var counts: [RunStatus: Int]
    public var sortColumn: RunColumn
    public var ascending: Bool
    public var filter: String
    /// The filter prompt has the keyboard (`/` typed, Enter or Esc not yet).
    public var isEditingFilter: Bool
    public var selectedID: String?
    /// A one-line note for the footer (e.g. "mark 2–8 runs to overlay"); trusted text only.
    public var message: String?

    public init(
        title: String, rows: [RunRow], counts: [RunStatus: Int], sortColumn: RunColumn = .name,
        ascending: Bool = true, filter: String = "", isEditingFilter: Bool = false, selectedID: String? = nil,
        message: String? = nil
    ) {
        self.title = title
        self.rows = rows
        self.counts = counts
        self.sortColumn = sortColumn
        self.ascending = ascending
        self.filter = filter
        self.isEditingFilter = isEditingFilter
        self.selectedID = selectedID
        self.message = message
    }

    /// A status line for the footer (a running sweep's counts); untrusted, sanitized when drawn.
    public var status: String?

    /// The phase-diagram cell the rows are limited to ("weight-decay=1 train-fraction=0.3"), if any.
    public var cellLabel: String?

    public init(table: RunsTable, title: String, now: Double, isEditingFilter: Bool = false, message: String? = nil) {
        self.init(
            title: title, rows: table.rows(now: now), counts: table.counts(now: now), sortColumn: table.sortColumn,
            ascending: table.ascending, filter: table.filter, isEditingFilter: isEditingFilter,
            selectedID: table.selectedID, message: message)
        cellLabel = table.cellFilter?.label
    }
}
