/// A width×height screen of cells, row-major. Everything the UI draws goes here first; a backend then
/// writes only what changed since the previous frame (`changedRuns(since:)`).
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Sets one cell; silently ignores positions outside the grid (widgets clip by construction).
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard contains(x: x, y: y) else { return }
        cells[y * width + x] = cell
    }

    /// Changes only the style of a cell (keeps its glyph), e.g. to colour a phase band under a chart.
    public mutating func restyle(_ x: Int, _ y: Int, _ style: CellStyle) {
        guard contains(x: x, y: y) else { return }
        cells[y * width + x].style = style
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell) {
        let x0 = max(0, x)
        let y0 = max(0, y)
        let x1 = min(width, x + w)
        let y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            let base = row * width
            for col in x0..<x1 { cells[base + col] = cell }
        }
    }

    /// Writes trusted text (our own labels) clipped to `maxWidth` columns and the grid edge. Each
    /// character goes through `DisplayWidth.terminalSafe` so nothing wide, combining or control lands
    /// in a cell. Returns the number of columns written.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int = .max
    ) -> Int {
        guard y >= 0, y < height else { return 0 }
        var col = x
        let (sum, overflow) = x.addingReportingOverflow(max(0, maxWidth))
        let limit = overflow ? Int.max : sum
        for scalar in DisplayWidth.cellScalars(text) {
            if col >= width || col >= limit { break }
            if col >= 0 { cells[y * width + col] = Cell(scalar, style: style) }
            col += 1
        }
        return max(0, col - x)
    }

    /// Writes untrusted text (run names, notes): sanitized first, then clipped.
    @discardableResult
    public mutating func write(
        untrusted text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int = .max
    ) -> Int {
        write(DisplayWidth.sanitize(text), x: x, y: y, style: style, maxWidth: maxWidth)
    }

    /// Copies another grid in at an offset (clipped), e.g. an overlay.
    public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
        for row in 0..<other.height {
            for col in 0..<other.width { set(x + col, y + row, other[col, row]) }
        }
    }
}

/// A horizontal run of consecutive changed cells on one row: what a backend must rewrite.
public struct CellRun: Equatable, Sendable {
    public let x: Int
    public let y: Int
    public let cells: [Cell]
}

extension CellGrid {
    /// The runs of cells that differ from `previous`. A size change (or no previous frame) means every
    /// row is one run: the backend must repaint everything.
    public func changedRuns(since previous: CellGrid?) -> [CellRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { row in
                CellRun(x: 0, y: row, cells: Array(cells[(row * width)..<((row + 1) * width)]))
            }
        }
        var runs: [CellRun] = []
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                for row in 0..<height {
                    let base = row * width
                    var col = 0
                    while col < width {
                        if now[base + col] == before[base + col] {
                            col += 1
                            continue
                        }
                        let start = col
                        while col < width, now[base + col] != before[base + col] { col += 1 }
                        runs.append(CellRun(x: start, y: row, cells: Array(now[(base + start)..<(base + col)])))
                    }
                }
            }
        }
        return runs
    }

    /// Each row as plain text (trailing spaces kept, so every line is exactly `width` columns).
    public var plainTextLines: [String] {
        (0..<height).map { row in
            var line = String.UnicodeScalarView()
            for col in 0..<width { line.append(self[col, row].glyph) }
            return String(line)
        }
    }

    /// The screen as text, for golden tests and the `s` (save screen) key. Trailing spaces trimmed.
    public var plainText: String {
        plainTextLines.map { line in
            var s = Substring(line)
            while s.last == " " { s.removeLast() }
            return String(s)
        }.joined(separator: "\n") + "\n"
    }
}
