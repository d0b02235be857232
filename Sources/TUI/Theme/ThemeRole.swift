/// Semantic colour roles. Widgets ask for a role, never for a colour; theme files map roles to
/// colours. The raw value is the key used in theme files.
public enum ThemeRole: String, CaseIterable, Sendable {
    // Chrome
    case background, text, dimText, border, title, axis, badgeText, cursor, warning, helpOverlay
    // Series
    case trainLoss, testLoss, trainAccuracy, testAccuracy, lmn, l2, layerNorm, otherSeries
    // Phases (band colour and header badge)
    case warmup, memorization, compression, generalization
    // Events
    case marker, divergence, live, stale

    /// Index into a palette's dense table.
    var index: Int { Self.indices[self]! }
    private static let indices: [ThemeRole: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}

/// How one role looks at each colour depth.
public struct RoleColor: Equatable, Sendable {
    /// The primary colour: a 256-palette index or a 24-bit value; nil = terminal default.
    public enum Primary: Equatable, Sendable {
        case indexed(UInt8)
        case rgb(RGB)
    }

    public var primary: Primary?
    /// Explicit 16-colour fallback (0–15); nil = nearest ANSI colour to `primary`.
    public var ansi16: UInt8?
    /// Attributes at every depth (e.g. bold titles).
    public var attributes: CellAttributes
    /// Attributes used instead in mono, where there is no colour at all.
    public var monoAttributes: CellAttributes

    public init(
        primary: Primary?, ansi16: UInt8? = nil, attributes: CellAttributes = [],
        monoAttributes: CellAttributes = []
    ) {
        self.primary = primary
        self.ansi16 = ansi16
        self.attributes = attributes
        self.monoAttributes = monoAttributes
    }

    /// The colour at a depth (`.terminalDefault` in mono or when no colour is set).
    public func color(at depth: ColorDepth) -> TerminalColor {
        guard let primary else { return .terminalDefault }
        switch depth {
        case .mono:
            return .terminalDefault
        case .ansi16:
            if let ansi16 { return .indexed(ansi16) }
            switch primary {
            case .indexed(let i) where i < 16: return .indexed(i)
            case .indexed(let i): return .indexed(ColorQuantizer.index16(for: ColorQuantizer.rgb(ofIndex: i)))
            case .rgb(let c): return .indexed(ColorQuantizer.index16(for: c))
            }
        case .ansi256:
            switch primary {
            case .indexed(let i): return .indexed(i)
            case .rgb(let c): return .indexed(ColorQuantizer.index256(for: c))
            }
        case .trueColor:
            switch primary {
            case .indexed(let i): return .indexed(i)
            case .rgb(let c): return .rgb(c.r, c.g, c.b)
            }
        }
    }
}
