import Foundation

/// A named mapping from semantic roles to colours (see docs/themes.md for the file format).
/// Roles a theme file leaves out come from the built-in default theme.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var summary: String
    /// Where the theme came from ("built-in" or a file path), for messages.
    public var source: String
    /// The glyph set the theme is designed for (e.g. `projector` prefers big blocks); the caller
    /// applies it unless the user chose glyphs explicitly. nil = no preference.
    public var preferredGlyphs: GlyphSet?
    private var entries: [ThemeRole: RoleColor]

    public init(name: String, summary: String = "", source: String = "built-in", entries: [ThemeRole: RoleColor]) {
        self.name = name
        self.summary = summary
        self.source = source
        self.entries = entries
    }

    public func color(for role: ThemeRole) -> RoleColor {
        entries[role] ?? Theme.builtinDefault.entries[role] ?? RoleColor(primary: nil)
    }

    public mutating func setColor(_ color: RoleColor, for role: ThemeRole) { entries[role] = color }

    /// Resolves every role for a colour depth.
    public func palette(for depth: ColorDepth) -> Palette { Palette(theme: self, depth: depth) }

    /// The names of the themes shipped in `themes/`, in the order `t` cycles through them.
    public static let shippedNames: [String] = shippedYAML.map(\.key)

    /// The default dark theme, compiled in so the UI works with no theme files installed.
    public static let builtinDefault: Theme = embedded("default") ?? Theme(name: "default", entries: [:])

    /// A shipped theme compiled into the binary (scripts/embed-themes.py), so a copied or installed
    /// binary has every theme `t` cycles through. `nil` for names that were not shipped.
    static func embedded(_ name: String) -> Theme? {
        guard let yaml = shippedYAML.first(where: { $0.key == name })?.value else { return nil }
        // The embedded text parses (ThemeTests checks each one); never crash the UI if it did not.
        return try? ThemeParser.parse(yaml: yaml, source: "built-in")
    }

    /// The compiled-in text of a shipped theme (tests compare it with themes/NAME.yaml).
    public static func embeddedYAML(_ name: String) -> String? {
        shippedYAML.first(where: { $0.key == name })?.value
    }
}

extension Theme {
    /// Directories searched for `<name>.yaml`, in order: `$GROKSCOPE_THEMES`, `./themes`,
    /// `themes` / `../share/grokscope/themes` next to the executable, and the source checkout's `themes`.
    public static func defaultSearchPaths(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [String]
    {
        var paths: [String] = []
        if let custom = environment["GROKSCOPE_THEMES"], !custom.isEmpty { paths.append(custom) }
        paths.append(FileManager.default.currentDirectoryPath + "/themes")
        let exe = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        let exeDir = exe.resolvingSymlinksInPath().deletingLastPathComponent()
        paths.append(exeDir.appendingPathComponent("themes").path)
        paths.append(exeDir.appendingPathComponent("../share/grokscope/themes").standardized.path)
        // A binary built in a checkout (.build/release/grokscope) still finds the checkout's themes when
        // started from another directory.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Sources/TUI/Theme
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        paths.append(checkout.appendingPathComponent("themes").path)
        return paths
    }

    /// Loads a theme by name (searched in `searchPaths`) or by path (anything containing "/" or
    /// ending in ".yaml"/".yml"). A shipped name with no file found is the compiled-in copy.
    public static func load(_ nameOrPath: String, searchPaths: [String]? = nil) throws -> Theme {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
        var candidates: [String] = []
        if isPath {
            candidates = [nameOrPath]
        } else {
            for dir in searchPaths ?? defaultSearchPaths() {
                candidates.append(dir + "/" + nameOrPath + ".yaml")
                candidates.append(dir + "/" + nameOrPath + ".yml")
            }
        }
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            return try ThemeParser.parse(yaml: try ThemeFile.text(at: path), source: path)
        }
        if !isPath, let theme = embedded(nameOrPath) { return theme }
        throw ThemeError(
            file: nameOrPath, line: nil,
            problem: isPath
                ? "no such file"
                : "no theme named '\(nameOrPath)' (looked in \(candidates.map { ($0 as NSString).deletingLastPathComponent }.uniqued().joined(separator: ", ")))"
        )
    }

    /// Loads a theme, falling back to the built-in default on any error. The caller shows the error
    /// (one line) and keeps running.
    public static func loadOrDefault(_ nameOrPath: String, searchPaths: [String]? = nil) -> (Theme, ThemeError?) {
        do {
            return (try load(nameOrPath, searchPaths: searchPaths), nil)
        } catch let error as ThemeError {
            return (builtinDefault, error)
        } catch {
            return (builtinDefault, ThemeError(file: nameOrPath, line: nil, problem: "\(error)"))
        }
    }
}

/// A theme file that could not be used: which file, which line (1-based, when known), what is wrong.
public struct ThemeError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "theme \(location): \(problem) — using the default theme (see docs/themes.md)"
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
