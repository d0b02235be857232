/// Which characters charts are drawn with. Braille gives 2×4 dots per cell (btop style); blocks give
/// eight vertical levels per cell; ASCII works on any terminal and any locale.
public enum GlyphSet: String, CaseIterable, Sendable {
    case braille
    case blocks
    case ascii

    /// Parses an override such as `--glyphs braille|blocks|ascii`.
    public init?(option: String) { self.init(rawValue: option.lowercased()) }

    /// Braille when the locale is UTF-8 (the first set of LC_ALL, LC_CTYPE, LANG decides, as in
    /// setlocale), ASCII otherwise; TERM=linux/vt* consoles lack braille fonts, so they get blocks/ASCII.
    public static func detect(environment: [String: String]) -> GlyphSet {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        let utf8 = lowered.contains("utf-8") || lowered.contains("utf8")
        guard utf8 else { return .ascii }
        let term = environment["TERM"] ?? ""
        if term == "linux" { return .blocks }
        if term.hasPrefix("vt") { return .ascii }
        return .braille
    }

    public var isUnicode: Bool { self != .ascii }

    /// Sub-cell resolution of a chart plot: samples per cell horizontally, levels per cell vertically.
    var subColumns: Int { self == .braille ? 2 : 1 }
    var subRows: Int {
        switch self {
        case .braille: return 4
        case .blocks: return 8
        case .ascii: return 3
        }
    }

    // Chrome glyphs.
    var horizontal: Unicode.Scalar { isUnicode ? "─" : "-" }
    var vertical: Unicode.Scalar { isUnicode ? "│" : "|" }
    var markerLine: Unicode.Scalar { isUnicode ? "┊" : ":" }
    var cursorLine: Unicode.Scalar { isUnicode ? "│" : "|" }
    var divergenceMark: Unicode.Scalar { isUnicode ? "✕" : "X" }
    var bullet: Unicode.Scalar { isUnicode ? "■" : "*" }
    var ellipsis: String { isUnicode ? "…" : "~" }
    var corners: (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) {
        isUnicode ? ("┌", "┐", "└", "┘") : ("+", "+", "+", "+")
    }

    /// The eight block levels ▁…█ (index 0 = one eighth).
    static let eighths: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// ASCII sparkline ramp, low to high.
    static let asciiRamp: [Unicode.Scalar] = ["_", ".", "-", "~", "=", "+", "*", "#"]
    /// ASCII plot levels within a cell, low to high.
    static let asciiLevels: [Unicode.Scalar] = ["_", "-", "'"]

    /// The braille dot bit for sub-column `sx` (0/1) and sub-row `sy` (0 = top … 3 = bottom),
    /// in the Unicode braille block's dot numbering (U+2800 + bits).
    static func brailleBit(sx: Int, sy: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
        let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return sx == 0 ? left[sy] : right[sy]
    }

    static func braille(_ bits: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(0x2800 + UInt32(bits))!
    }
}
