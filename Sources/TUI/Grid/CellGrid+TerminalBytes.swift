extension CellGrid {
    /// Roughly what a terminal receives to turn `previous` into this grid: per changed run a cursor
    /// move, per style change an SGR sequence, per cell its UTF-8 bytes. Used to pace frames against
    /// an output budget (slow links, SSH) and by `RecordingBackend`; curses' real output is close.
    public func estimatedTerminalBytes(since previous: CellGrid?) -> Int {
        var bytes = 0
        for run in changedRuns(since: previous) {
            bytes += 8  // ESC [ row ; col H
            var style: CellStyle? = nil
            for cell in run.cells {
                if cell.style != style {
                    bytes += 12  // an SGR sequence
                    style = cell.style
                }
                bytes += String(Character(cell.glyph)).utf8.count
            }
        }
        return bytes
    }
}
