import Foundation
import TUI
import Testing

@Suite struct ThemeTests {
    static var themesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes").path
    }

    func writeTemp(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "gs-theme-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: Theme.shippedNames)
    func shippedThemeLoads(name: String) throws {
        let theme = try Theme.load(name, searchPaths: [Self.themesDirectory])
        #expect(theme.name == name)
        #expect(theme.source.hasSuffix("themes/\(name).yaml"))
        for depth in ColorDepth.allCases { _ = theme.palette(for: depth) }
    }

    @Test func shippedDefaultEqualsTheBuiltInOne() throws {
        var fromFile = try Theme.load("default", searchPaths: [Self.themesDirectory])
        fromFile.source = Theme.builtinDefault.source
        #expect(fromFile == Theme.builtinDefault)
        #expect(Theme.builtinDefault.color(for: .lmn).primary == .indexed(170))
    }

    /// The compiled-in copies (Theme+Shipped.swift) must be the files in themes/: run `make themes`.
    @Test func embeddedThemesMatchTheShippedFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Theme.shippedNames), "themes/ and the embedded themes differ: run `make themes`")
        for name in files {
            let onDisk = try String(contentsOfFile: Self.themesDirectory + "/\(name).yaml", encoding: .utf8)
            let embedded = try #require(Theme.embeddedYAML(name))
            #expect(embedded + "\n" == onDisk, "themes/\(name).yaml changed: run `make themes`")
        }
    }

    /// An installed or copied binary with no theme folder still has every shipped theme.
    @Test(arguments: Theme.shippedNames)
    func shippedThemeLoadsWithoutAnyThemeFolder(name: String) throws {
        let empty = NSTemporaryDirectory() + "gs-no-themes-\(UUID().uuidString)"
        let theme = try Theme.load(name, searchPaths: [empty])
        #expect(theme.name == name)
        #expect(theme.source == "built-in")
        #expect(throws: ThemeError.self) { try Theme.load("no-such-theme", searchPaths: [empty]) }
    }

    @Test func goodThemeParsesColoursFallbacksAndAttributes() throws {
        let path = try writeTemp(
            """
            name: t
            roles:
              testLoss: { color: "#ff8800", ansi16: brightred, attrs: bold, mono: underline }
              lmn: 201
            """)
        let theme = try Theme.load(path)
        let role = theme.color(for: .testLoss)
        #expect(role.primary == .rgb(RGB(255, 136, 0)))
        #expect(role.color(at: .trueColor) == .rgb(255, 136, 0))
        #expect(role.color(at: .ansi256) == .indexed(208))
        #expect(role.color(at: .ansi16) == .indexed(9))
        #expect(role.color(at: .mono) == .terminalDefault)
        #expect(theme.palette(for: .mono).style(.testLoss).attributes == .underline)
        #expect(theme.palette(for: .ansi256).style(.testLoss).attributes == .bold)
        #expect(theme.color(for: .lmn).color(at: .ansi256) == .indexed(201))
        // Unlisted roles come from the default theme.
        #expect(theme.color(for: .l2) == Theme.builtinDefault.color(for: .l2))
    }

    @Test func yamlSyntaxErrorReportsFileAndLine() throws {
        let path = try writeTemp("name: bad\nroles:\n  text: 252\n  lmn: [1, 2\n")
        #expect {
            try Theme.load(path)
        } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.file == path && e.line != nil && e.line! >= 4
        }
    }

    @Test func badColourValueReportsItsLine() throws {
        let path = try writeTemp("name: bad\nroles:\n  text: 252\n  lmn: { color: purple }\n")
        do {
            _ = try Theme.load(path)
            Issue.record("expected an error")
        } catch let error as ThemeError {
            #expect(error.line == 4)
            #expect(error.description.contains(":4"))
            #expect(error.problem.contains("purple"))
        }
    }

    @Test func unknownRoleIsAnErrorWithLine() throws {
        let path = try writeTemp("name: typo\nroles:\n  tset_loss: 1\n")
        #expect(throws: ThemeError.self) { try Theme.load(path) }
        let (theme, error) = Theme.loadOrDefault(path)
        #expect(error?.line == 3)
        #expect(theme == Theme.builtinDefault)
    }

    @Test func missingThemeFallsBackToDefaultWithMessage() {
        let (theme, error) = Theme.loadOrDefault("no-such-theme", searchPaths: [Self.themesDirectory])
        #expect(theme.name == "default")
        #expect(error != nil)
        #expect(error!.description.contains("no-such-theme"))
    }

    @Test func defaultNameWorksWithoutAnyFiles() throws {
        let theme = try Theme.load("default", searchPaths: ["/nonexistent"])
        #expect(theme == Theme.builtinDefault)
    }
}

@Suite struct ThemePreferenceTests {
    @Test func projectorPrefersBlocksAndOthersHaveNoPreference() throws {
        #expect(try Theme.load("projector", searchPaths: [ThemeTests.themesDirectory]).preferredGlyphs == .blocks)
        #expect(try Theme.load("light", searchPaths: [ThemeTests.themesDirectory]).preferredGlyphs == nil)
    }

    @Test func badGlyphsValueIsAnError() throws {
        let path = NSTemporaryDirectory() + "gs-theme-\(UUID().uuidString).yaml"
        try "name: g\nglyphs: hexagons\nroles:\n  text: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(Theme.loadOrDefault(path).1?.line == 2)
    }
}
