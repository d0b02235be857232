import Foundation
import TUI
import Testing

/// Golden text screens: fixed models at pinned sizes, colours and glyphs.
@Suite struct GoldenScreenTests {
    let palette = Theme.builtinDefault.palette(for: .ansi256)

    @Test func paperRunAt80x24Braille() {
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(), palette: palette, width: 80, height: 24, glyphs: .braille)
        GoldenFile.check(grid.plainText, named: "paper-80x24-braille")
    }

    @Test func paperRunAt120x40WithCursorAndLayerNorms() {
        let model = DashboardFixtures.paperRun(cursor: 6_000, layerNorms: true)
        let grid = DashboardRenderer.render(model, palette: palette, width: 120, height: 40, glyphs: .braille)
        GoldenFile.check(grid.plainText, named: "paper-120x40-cursor")
    }

    @Test func paperRunAt80x24AsciiMono() {
        let mono = Theme.builtinDefault.palette(for: .mono)
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(step: 6_000), palette: mono, width: 80, height: 24, glyphs: .ascii)
        GoldenFile.check(grid.plainText, named: "paper-80x24-ascii-mono")
        #expect(grid.plainText.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func blocksWithHelpOverlay() {
        var model = DashboardFixtures.paperRun()
        model.isHelpVisible = true
        let grid = DashboardRenderer.render(model, palette: palette, width: 80, height: 30, glyphs: .blocks)
        GoldenFile.check(grid.plainText, named: "help-80x30-blocks")
    }

    @Test func divergedRunAt80x24() {
        let grid = DashboardRenderer.render(
            DashboardFixtures.divergedRun(), palette: palette, width: 80, height: 24, glyphs: .braille)
        GoldenFile.check(grid.plainText, named: "diverged-80x24")
    }

    /// Colours pinned too: the style picture of the 80×24 screen in 256 and 16 colours and mono.
    @Test(arguments: [ColorDepth.ansi256, .ansi16, .mono])
    func paperRunStylesAt80x24(depth: ColorDepth) {
        let p = Theme.builtinDefault.palette(for: depth)
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(), palette: p, width: 80, height: 24, glyphs: .braille)
        let names: [ColorDepth: String] = [
            .ansi256: "paper-80x24-styles-256", .ansi16: "paper-80x24-styles-16", .mono: "paper-80x24-styles-mono",
        ]
        GoldenFile.check(StyleMap.render(grid), named: names[depth]!)
    }

    @Test func monoUsesNoColourAtAll() {
        let p = Theme.builtinDefault.palette(for: .mono)
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(), palette: p, width: 80, height: 24, glyphs: .braille)
        #expect(
            grid.cells.allSatisfy { $0.style.foreground == .terminalDefault && $0.style.background == .terminalDefault }
        )
        #expect(grid.cells.contains { $0.style.attributes.contains(.reverse) })  // the phase badge
    }

    @Test func tooSmallScreen() {
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(), palette: palette, width: 30, height: 8, glyphs: .braille)
        GoldenFile.check(grid.plainText, named: "too-small-30x8")
        #expect(grid.plainText.contains("need 60×16"))
    }

    /// Negative control for the golden helper: a changed screen must not equal the recording.
    @Test func goldenComparisonDetectsAChange() {
        let a = DashboardRenderer.render(
            DashboardFixtures.paperRun(step: 12_000), palette: palette, width: 80, height: 24, glyphs: .braille)
        let b = DashboardRenderer.render(
            DashboardFixtures.paperRun(step: 11_000), palette: palette, width: 80, height: 24, glyphs: .braille)
        #expect(a.plainText != b.plainText)
        #expect(GoldenFile.diff(expected: a.plainText, actual: b.plainText, name: "x").contains("line "))
    }
}
