/// How many colours the terminal can show. Themes resolve their roles for one depth.
public enum ColorDepth: String, CaseIterable, Sendable, Comparable {
    case mono
    case ansi16 = "16"
    case ansi256 = "256"
    case trueColor = "truecolor"

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses an override such as `--color truecolor|256|16|mono` (also "24bit", "none").
    public init?(option: String) {
        switch option.lowercased() {
        case "truecolor", "24bit", "24-bit", "rgb": self = .trueColor
        case "256", "ansi256": self = .ansi256
        case "16", "8", "ansi16", "ansi": self = .ansi16
        case "mono", "none", "0", "2": self = .mono
        default: return nil
        }
    }

    /// Detects the depth from the environment, in this order: an explicit override; `NO_COLOR`
    /// (any non-empty value, no-color.org) → mono; `TERM` dumb → mono; `COLORTERM` truecolor/24bit
    /// → truecolor; `TERM` *-256color / *-direct → 256 / truecolor; vt100/vt220/ansi-less → mono;
    /// linux, xterm, screen, tmux, rxvt → 16; unknown → 16.
    public static func detect(environment: [String: String], override: ColorDepth? = nil) -> ColorDepth {
        if let override { return override }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        let term = (environment["TERM"] ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return .mono }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        if term.hasSuffix("-direct") { return .trueColor }
        if term.contains("256color") { return .ansi256 }
        if term.hasPrefix("vt1") || term.hasPrefix("vt2") || term.hasSuffix("-m") || term.hasSuffix("-mono") {
            return .mono
        }
        return .ansi16
    }
}
