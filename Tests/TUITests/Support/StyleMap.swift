import TUI

/// A text picture of a grid's styles, so golden files pin colours as well as glyphs: each distinct
/// style gets a letter (in order of first appearance) and a legend line describing it.
enum StyleMap {
    static func render(_ grid: CellGrid) -> String {
        var letters: [CellStyle: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var rows: [String] = []
        for y in 0..<grid.height {
            var row = ""
            for x in 0..<grid.width {
                let style = grid[x, y].style
                if letters[style] == nil {
                    let letter = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                    letters[style] = letter
                    legend.append(
                        "\(letter) fg=\(describe(style.foreground)) bg=\(describe(style.background)) \(describe(style.attributes))"
                    )
                }
                row.append(letters[style]!)
            }
            rows.append(row)
        }
        return rows.joined(separator: "\n") + "\n--\n" + legend.joined(separator: "\n") + "\n"
    }

    static func describe(_ c: TerminalColor) -> String {
        switch c {
        case .terminalDefault: return "default"
        case .indexed(let i): return String(i)
        case .rgb(let r, let g, let b): return RGB(r, g, b).hex
        }
    }

    static func describe(_ a: CellAttributes) -> String {
        var parts: [String] = []
        if a.contains(.bold) { parts.append("bold") }
        if a.contains(.dim) { parts.append("dim") }
        if a.contains(.reverse) { parts.append("reverse") }
        if a.contains(.underline) { parts.append("underline") }
        return parts.isEmpty ? "normal" : parts.joined(separator: "+")
    }
}
