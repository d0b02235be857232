/// A theme resolved for one colour depth: role → cell style, as a dense table so that widgets can
/// look styles up per cell cheaply.
public struct Palette: Sendable {
    public let depth: ColorDepth
    public let themeName: String
    private let foregrounds: [TerminalColor]
    private let attributes: [CellAttributes]
    /// The screen background (the `background` role's colour).
    public let background: TerminalColor

    public init(theme: Theme, depth: ColorDepth) {
        self.depth = depth
        self.themeName = theme.name
        var fgs: [TerminalColor] = []
        var attrs: [CellAttributes] = []
        for role in ThemeRole.allCases {
            let entry = theme.color(for: role)
            fgs.append(entry.color(at: depth))
            attrs.append(depth == .mono ? entry.monoAttributes : entry.attributes)
        }
        foregrounds = fgs
        attributes = attrs
        background = theme.color(for: .background).color(at: depth)
    }

    /// Text in this role's colour on the screen background.
    public func style(_ role: ThemeRole) -> CellStyle {
        CellStyle(foreground: foregrounds[role.index], background: background, attributes: attributes[role.index])
    }

    /// The role's colour itself, e.g. as the fill of a phase band.
    public func color(_ role: ThemeRole) -> TerminalColor { foregrounds[role.index] }

    /// A cell whose background is the role's colour (phase bands, badges); in mono, reverse video.
    public func filled(_ role: ThemeRole, text: ThemeRole = .badgeText) -> CellStyle {
        if depth == .mono { return CellStyle(attributes: attributes[role.index].union(.reverse)) }
        return CellStyle(
            foreground: foregrounds[text.index], background: foregrounds[role.index],
            attributes: attributes[text.index])
    }

    /// Whether colours exist at all (mono relies on letters and attributes instead).
    public var hasColor: Bool { depth != .mono }
}
