/// A colour as the grid stores it: already resolved for the terminal's colour depth by the theme.
public enum TerminalColor: Equatable, Hashable, Sendable {
    /// The terminal's own foreground/background (`use_default_colors`, or nothing in SVG).
    case terminalDefault
    /// An xterm palette index: 0–15 the ANSI colours, 16–231 the 6×6×6 cube, 232–255 the grey ramp.
    case indexed(UInt8)
    /// A 24-bit colour (kept only at `ColorDepth.trueColor`).
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes, as a small option set so that `Cell` stays a cheap value.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let dim = CellAttributes(rawValue: 1 << 1)
    public static let reverse = CellAttributes(rawValue: 1 << 2)
    public static let underline = CellAttributes(rawValue: 1 << 3)
}

/// Foreground, background and attributes: what a theme role resolves to.
public struct CellStyle: Equatable, Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: CellAttributes

    public init(
        foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault,
        attributes: CellAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()

    public func with(_ extra: CellAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    public func withForeground(_ color: TerminalColor) -> CellStyle {
        var copy = self
        copy.foreground = color
        return copy
    }
}

/// One terminal cell. The glyph is a single scalar that occupies exactly one column; wide and
/// combining characters never get here (see `DisplayWidth`). `Equatable` is what makes diffing cheap.
public struct Cell: Equatable, Hashable, Sendable {
    public var glyph: Unicode.Scalar
    public var style: CellStyle

    public init(_ glyph: Unicode.Scalar = " ", style: CellStyle = .plain) {
        self.glyph = glyph
        self.style = style
    }

    public static let blank = Cell()
}

extension TerminalColor {
    /// How an ANSI colour (0–15) is shown on an 8-colour terminal: bright colours become their base
    /// colour in bold, except bright black, which would be bold *black* (invisible on a dark screen):
    /// it becomes dim white (grey). Black itself is never made bold.
    public static func eightColourForm(of index: UInt8) -> (color: UInt8, bold: Bool, dim: Bool) {
        switch index {
        case 8: return (7, false, true)
        case 9...15: return (index - 8, true, false)
        default: return (index % 8, false, false)
        }
    }
}
