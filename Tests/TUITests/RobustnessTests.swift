import Snapshots
import TUI
import Testing

/// The renderer must never crash or write outside the grid, whatever the size or data.
@Suite struct RobustnessTests {
    static let models: [DashboardModel] = {
        let header = HeaderModel(runName: "r", task: "t", step: 0)
        let empty = DashboardModel(header: header)
        let noPoints = DashboardModel(header: header, charts: [ChartModel(title: "Loss", series: [])])
        let allNaN = DashboardModel(
            header: header,
            charts: [
                ChartModel(
                    title: "Loss", series: [SeriesModel(name: "x", role: .testLoss, [(0, .nan), (5, .infinity)])],
                    logY: true)
            ])
        let onePoint = DashboardModel(
            header: header,
            charts: [ChartModel(title: "LMN", series: [SeriesModel(name: "x", role: .lmn, [(7, 3)])])],
            phases: [PhaseInterval(start: 0, end: nil, phase: .memorization)],
            markers: [StepMarker(step: 7, label: "a-very-long-marker-label-that-cannot-fit")],
            visibleSteps: 5...5)
        return [empty, noPoints, allNaN, onePoint, DashboardFixtures.paperRun(cursor: 500, layerNorms: true)]
    }()

    @Test(arguments: [0, 1, 5, 59, 60, 61, 79, 80, 109, 110, 200])
    func rendersAtEverySize(width: Int) {
        for height in [0, 1, 15, 16, 17, 24, 29, 30, 40, 60] {
            for (i, model) in Self.models.enumerated() {
                for glyphs in GlyphSet.allCases {
                    var m = model
                    m.isHelpVisible = (width + height) % 2 == 0
                    let grid = DashboardRenderer.render(
                        m, palette: Theme.builtinDefault.palette(for: .ansi16), width: width, height: height,
                        glyphs: glyphs)
                    #expect(grid.width == width && grid.height == height, "model \(i)")
                    #expect(!grid.cells.contains { $0.glyph.value < 0x20 }, "model \(i) at \(width)x\(height)")
                }
            }
        }
    }

    @Test func headerShowsPausedAndStaleAndDropsFieldsWhenNarrow() {
        var model = DashboardFixtures.paperRun()
        model.isPaused = true
        model.header.liveness = "stale 12s"
        model.header.isStale = true
        let palette = Theme.builtinDefault.palette(for: .ansi256)
        let wide = DashboardRenderer.render(model, palette: palette, width: 160, height: 30, glyphs: .braille)
        let narrow = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .braille)
        let wideHeader = wide.plainTextLines[0]
        let narrowHeader = narrow.plainTextLines[0]
        #expect(wideHeader.contains("PAUSED") && wideHeader.contains("stale 12s") && wideHeader.contains("N=512"))
        #expect(narrowHeader.contains("PAUSED") && narrowHeader.contains("stale 12s"))
        #expect(!narrowHeader.contains("N=512"))
        #expect(narrowHeader.contains("step 12k/20k"))
        // The stale text uses the stale role, not the live one.
        let x = wideHeader.unicodeScalars.count - 1 - "stale 12s".count
        #expect(wide[x + 1, 0].style.foreground == palette.color(.stale))
    }

    @Test func statusMessageIsSanitizedAndShownInTheFooter() {
        var model = DashboardFixtures.paperRun()
        model.statusMessage = "theme x.yaml:4: bad colour\u{1B}[2J"
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .ansi256), width: 80, height: 24, glyphs: .braille)
        #expect(grid.plainTextLines[23].hasPrefix("theme x.yaml:4: bad colour\u{FFFD}[2J"))
    }
}
