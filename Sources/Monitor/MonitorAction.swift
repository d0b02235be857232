/// What a user can do to the view. The UI maps keys to these; `MonitorState.apply(_:)` is pure state
/// change (no terminal), so every action is tested with a manual clock.
public enum MonitorAction: Sendable, Equatable {
    /// Freeze the displayed data (records keep arriving and are kept) / show live data again.
    case togglePause
    /// Halve / double the visible step span (around the cursor if any, else the right edge when
    /// following, else the centre).
    case zoomIn, zoomOut
    /// Move the visible window a quarter span left / right (stops following; reaching the end resumes it).
    case panLeft, panRight
    /// Follow the tail (window's right edge = latest step) ↔ fixed window.
    case toggleFollow
    /// Whole run, following, no cursor.
    case resetView
    /// Cycle the focused chart through the visible series.
    case focusNextSeries, focusPreviousSeries
    /// Show or hide per-layer norms (`l2/<layer>`) among the series.
    case toggleLayerNorms
    /// Log-y on the focused chart only.
    case toggleLogY
    /// Show or hide the compression-window scatter (test loss against LMN and L2).
    case toggleScatter
    /// Log step axis on all charts.
    case toggleLogX
    /// Cycle the chart keys act on (loss, accuracy, LMN, L2, and layer norms when shown).
    case focusNextChart, focusPreviousChart
    /// Choose what fills the chart slots (1–4; `--charts`). The focus stays on its slot if it exists.
    case setChartSlots([ChartSlot])
    /// The focused slot shows the next chart: the built-in panels, then every other series seen (in
    /// first-seen order). No effect on the layer-norm chart.
    case cycleFocusedChart
    /// Smoothing weight cycles through `MonitorState.smoothingWeights` (0, 0.6, 0.9, 0.99).
    case cycleSmoothing
    /// Move the cursor one chart column (at least one evaluation interval) left / right; the first
    /// press places it at the right / left edge of the view.
    case cursorLeft, cursorRight
    case setCursor(step: Int)
    case clearCursor
    case toggleHelp
    /// Chart width in cells (sets the cursor stride); the UI sends it on resize.
    case setChartColumns(Int)
}
