import TUI
import Testing

/// Without colour the screen must still tell series apart; on 8-colour terminals nothing is bold black.
@Suite struct NoColourTests {
    let mono = Theme.builtinDefault.palette(for: .mono)
    let colour = Theme.builtinDefault.palette(for: .ansi256)

    func chart(role: ThemeRole) -> DashboardModel {
        let points = (0...100).map { ChartPoint(step: $0 * 10, value: 1 + Double($0 % 7)) }
        return DashboardModel(
            header: HeaderModel(runName: "r", task: "t", step: 1000),
            charts: [ChartModel(title: "Loss", series: [SeriesModel(name: "s", role: role, points: points)])])
    }

    func plotGlyphs(_ grid: CellGrid) -> [Unicode.Scalar] {
        grid.cells.map(\.glyph).filter { (0x2801...0x28FF).contains($0.value) || $0 == "o" || $0 == "•" }
    }

    @Test(arguments: [GlyphSet.braille, .blocks, .ascii])
    func trainAndTestDifferInMono(glyphs: GlyphSet) {
        let train = DashboardRenderer.render(
            chart(role: .trainLoss), palette: mono, width: 60, height: 16, glyphs: glyphs)
        let test = DashboardRenderer.render(
            chart(role: .testLoss), palette: mono, width: 60, height: 16, glyphs: glyphs)
        #expect(train.plainText != test.plainText)
        #expect(train.plainText.contains("■s") || train.plainText.contains("*s"))
        #expect(test.plainText.contains("┄s") || test.plainText.contains(":s"))
        // Control: in colour the two lines are drawn alike (colour tells them apart).
        let trainC = DashboardRenderer.render(
            chart(role: .trainLoss), palette: colour, width: 60, height: 16, glyphs: glyphs)
        let testC = DashboardRenderer.render(
            chart(role: .testLoss), palette: colour, width: 60, height: 16, glyphs: glyphs)
        #expect(plotGlyphs(trainC) == plotGlyphs(testC))
    }

    @Test func layerNormsGetDistinctColours() {
        let series = (0..<3).map { i in
            SeriesModel(
                name: "layer\(i)", role: .layerNorm,
                points: (0...50).map { ChartPoint(step: $0, value: Double(i * 10 + $0 % 3)) })
        }
        let model = DashboardModel(
            header: HeaderModel(runName: "r", task: "t", step: 50),
            charts: [ChartModel(title: "Layer norms", series: series)])
        let grid = DashboardRenderer.render(model, palette: colour, width: 80, height: 16, glyphs: .braille)
        let titleRow = (0..<grid.width).map { grid[$0, 1] }
        let bullets = titleRow.filter { $0.glyph == "■" }.map(\.style.foreground)
        #expect(bullets.count == 3)
        #expect(Set(bullets).count == 3)
    }

    @Test func accuracySparklinesUseAFixedScale() {
        let flat = [0.02, 0.02, 0.03, 0.02]
        #expect(Sparkline.glyphs(flat, width: 4, glyphs: .braille, range: 0...1).allSatisfy { $0 == "▁" })
        #expect(Sparkline.glyphs(flat, width: 4, glyphs: .braille).contains("█"))  // control: fitted
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(step: 6_000), palette: colour, width: 80, height: 24, glyphs: .braille)
        let row = grid.plainTextLines[grid.height - 2]
        #expect(row.contains("test acc % ▁▁▁▁"))
        #expect(row.contains("test loss "))
    }

    @Test func eightColourTerminalsNeverGetBoldBlack() {
        for index in UInt8(0)...15 {
            let form = TerminalColor.eightColourForm(of: index)
            #expect(form.color < 8)
            #expect(!(form.color == 0 && form.bold), "index \(index) would be bold black")
        }
        #expect(TerminalColor.eightColourForm(of: 9) == (color: 1, bold: true, dim: false))  // bright red
        #expect(TerminalColor.eightColourForm(of: 8) == (color: 7, bold: false, dim: true))  // grey, not black
    }
}
