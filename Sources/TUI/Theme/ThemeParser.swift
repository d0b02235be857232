import Yams

/// Parses the YAML theme format (docs/themes.md). Walks Yams' node tree rather than decoding, so
/// every error can name the line it comes from.
enum ThemeParser {
    static let ansiNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "brightblack": 8, "gray": 8, "grey": 8, "brightred": 9, "brightgreen": 10, "brightyellow": 11,
        "brightblue": 12, "brightmagenta": 13, "brightcyan": 14, "brightwhite": 15,
    ]

    static func parse(yaml: String, source: String) throws -> Theme {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ThemeError(file: source, line: line(of: error), problem: "not valid YAML: \(problem(of: error))")
        }
        guard let root, let top = root.mapping else {
            throw ThemeError(
                file: source, line: root?.mark?.line, problem: "expected a mapping with 'name' and 'roles'")
        }
        var theme = Theme(name: "unnamed", source: source, entries: [:])
        var sawRoles = false
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            if ["name", "summary", "description", "glyphs"].contains(key), value.scalar == nil {
                throw ThemeError(
                    file: source, line: value.mark?.line, problem: "'\(key)' must be text, not a list or mapping")
            }
            switch key {
            case "name": theme.name = value.string ?? theme.name
            case "summary", "description": theme.summary = value.string ?? ""
            case "glyphs":
                guard let glyphs = GlyphSet(option: value.string ?? "") else {
                    throw ThemeError(
                        file: source, line: value.mark?.line,
                        problem: "bad glyphs '\(value.string ?? "")': use braille, blocks or ascii")
                }
                theme.preferredGlyphs = glyphs
            case "roles":
                sawRoles = true
                guard let roles = value.mapping else {
                    throw ThemeError(file: source, line: value.mark?.line, problem: "'roles' must be a mapping")
                }
                for (roleKey, spec) in roles {
                    let roleName = roleKey.string ?? ""
                    guard let role = ThemeRole(rawValue: roleName) else {
                        throw ThemeError(
                            file: source, line: roleKey.mark?.line,
                            problem:
                                "unknown role '\(roleName)' (known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))"
                        )
                    }
                    theme.setColor(try roleColor(spec, source: source), for: role)
                }
            default:
                throw ThemeError(
                    file: source, line: keyNode.mark?.line,
                    problem: "unknown key '\(key)' (expected name, summary, glyphs, roles)")
            }
        }
        if !sawRoles {
            throw ThemeError(file: source, line: root.mark?.line, problem: "missing 'roles' mapping")
        }
        return theme
    }

    /// A role is either a bare colour (`252`, `"#ff8800"`, `default`) or a mapping with
    /// `color`, `ansi16`, `attrs`, `mono`.
    private static func roleColor(_ node: Node, source: String) throws -> RoleColor {
        guard let mapping = node.mapping else {
            return RoleColor(primary: try primary(node, source: source))
        }
        var result = RoleColor(primary: nil)
        for (keyNode, value) in mapping {
            switch keyNode.string ?? "" {
            case "color": result.primary = try primary(value, source: source)
            case "ansi16": result.ansi16 = try ansi16(value, source: source)
            case "attrs": result.attributes = try attributes(value, source: source)
            case "mono": result.monoAttributes = try attributes(value, source: source)
            case let other:
                throw ThemeError(
                    file: source, line: keyNode.mark?.line,
                    problem: "unknown key '\(other)' in a role (expected color, ansi16, attrs, mono)")
            }
        }
        return result
    }

    private static func primary(_ node: Node, source: String) throws -> RoleColor.Primary? {
        let text = node.string ?? ""
        if text == "default" || text == "none" { return nil }
        if let index = Int(text), (0...255).contains(index) { return .indexed(UInt8(index)) }
        if text.hasPrefix("#"), let rgb = RGB(hex: text) { return .rgb(rgb) }
        throw ThemeError(
            file: source, line: node.mark?.line,
            problem: "bad colour '\(text)': use a 256-colour index 0–255, \"#rrggbb\" (quoted) or default")
    }

    private static func ansi16(_ node: Node, source: String) throws -> UInt8? {
        let text = (node.string ?? "").lowercased()
        if text == "default" { return nil }
        if let index = Int(text), (0...15).contains(index) { return UInt8(index) }
        if let named = ansiNames[text.replacingOccurrences(of: "_", with: "")] { return named }
        throw ThemeError(
            file: source, line: node.mark?.line,
            problem: "bad ansi16 colour '\(text)': use 0–15 or a name such as red, brightcyan")
    }

    private static func attributes(_ node: Node, source: String) throws -> CellAttributes {
        let words: [String]
        if let sequence = node.sequence {
            words = sequence.map { $0.string ?? "" }
        } else {
            words = (node.string ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        }
        var result: CellAttributes = []
        for word in words {
            switch word.lowercased() {
            case "bold": result.insert(.bold)
            case "dim": result.insert(.dim)
            case "reverse": result.insert(.reverse)
            case "underline": result.insert(.underline)
            case "normal", "none", "": break
            default:
                throw ThemeError(
                    file: source, line: node.mark?.line,
                    problem: "bad attribute '\(word)': use bold, dim, reverse, underline or normal")
            }
        }
        return result
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}
