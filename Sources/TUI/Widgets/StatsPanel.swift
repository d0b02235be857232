import TextFormat

/// The compression statistics and the cursor readout, as label/value lines. In a narrow layout they
/// share one row; in a wide layout they stack in a side panel.
enum StatsPanel {
    struct Item {
        var label: String
        var value: String
        var role: ThemeRole
    }

    /// `short`: the one-row form, with room left for the phase legend ("r(test,LMN)").
    static func compressionItems(_ model: CompressionPanelModel, short: Bool = false) -> [Item] {
        func r(_ v: Double?) -> String { v.map { (($0 >= 0) ? "+" : "") + String(format2($0)) } ?? "—" }
        let subject = short ? "test" : "test loss"
        var items = [
            Item(label: "r(\(subject),LMN)", value: r(model.rTestLossLMN), role: .lmn),
            Item(label: "r(\(subject),L2)", value: r(model.rTestLossL2), role: .l2),
            Item(label: "LMN drop", value: model.lmnDrop.map { ValueText.percent($0) } ?? "—", role: .lmn),
            Item(label: "delay", value: model.delaySteps.map { ValueText.steps($0) + " steps" } ?? "—", role: .text),
        ]
        if !short, let note = model.note, !note.isEmpty { items.append(Item(label: "", value: note, role: .dimText)) }
        return items
    }

    static func cursorItems(_ cursor: CursorReadout) -> [Item] {
        [Item(label: "cursor", value: "step " + ValueText.steps(cursor.step), role: .cursor)]
            + (cursor.phase.map { [Item(label: "phase", value: $0.rawValue, role: $0.themeRole)] } ?? [])
            + cursor.values.map { Item(label: $0.name, value: ValueText.compact($0.value), role: $0.role) }
    }

    /// The compact phase legend of the narrow layout: "M 0–149  C 150–6049  G 6050–".
    static func phaseLegendItems(_ phases: [PhaseInterval]) -> [Item] {
        phases.map { p in
            Item(
                label: String(Character(p.phase.letter)),
                value: ValueText.steps(p.start) + "–" + (p.end.map { ValueText.steps($0 - 1) } ?? ""),
                role: p.phase.themeRole)
        }
    }

    /// Columns `drawRow` needs for all of `items`.
    static func rowWidth(_ items: [Item]) -> Int {
        items.reduce(0) { $0 + DisplayWidth.width(of: ($1.label.isEmpty ? "" : $1.label + " ") + $1.value) + 2 } - 2
    }

    /// All items on one row, "label value" pairs separated by two spaces; stops when full.
    static func drawRow(_ items: [Item], in grid: inout CellGrid, x: Int, y: Int, width: Int, palette: Palette) {
        var cx = x
        let end = x + width
        for item in items {
            let piece = (item.label.isEmpty ? "" : item.label + " ") + item.value
            guard cx + DisplayWidth.width(of: piece) <= end else { break }
            if !item.label.isEmpty { cx += grid.write(item.label + " ", x: cx, y: y, style: palette.style(.dimText)) }
            cx += grid.write(untrusted: item.value, x: cx, y: y, style: palette.style(item.role))
            cx += 2
        }
    }

    /// One item per row, label left, value right-aligned; returns rows used.
    @discardableResult
    static func drawColumn(_ title: String, _ items: [Item], in grid: inout CellGrid, rect: Rect, palette: Palette)
        -> Int
    {
        guard rect.height > 0 else { return 0 }
        grid.write(title, x: rect.x, y: rect.y, style: palette.style(.title), maxWidth: rect.width)
        var row = 1
        for item in items where row < rect.height {
            let y = rect.y + row
            let valueWidth = DisplayWidth.width(of: item.value)
            if item.label.isEmpty {
                grid.write(
                    untrusted: item.value, x: rect.x, y: y, style: palette.style(item.role), maxWidth: rect.width)
            } else {
                grid.write(
                    item.label, x: rect.x, y: y, style: palette.style(.dimText),
                    maxWidth: max(0, rect.width - valueWidth - 1))
                grid.write(
                    untrusted: item.value, x: max(rect.x, rect.maxX - valueWidth), y: y,
                    style: palette.style(item.role), maxWidth: rect.width)
            }
            row += 1
        }
        return row
    }

    private static func format2(_ v: Double) -> String {
        guard v.isFinite else { return ValueText.compact(v) }
        let scaled = (v * 100).rounded() / 100
        var s = String(scaled)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        }
        return s
    }
}
