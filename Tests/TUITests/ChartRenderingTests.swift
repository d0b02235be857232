import Foundation
import TUI
import Testing

/// Sparklines and charts on known series, in each glyph set.
@Suite struct ChartRenderingTests {
    let palette = Theme.builtinDefault.palette(for: .ansi256)

    @Test func sparklineMapsMinToLowestAndMaxToHighestBlock() {
        let g = Sparkline.glyphs([0, 1, 2, 3, 4, 5, 6, 7], width: 8, glyphs: .blocks)
        #expect(String(String.UnicodeScalarView(g)) == "▁▂▃▄▅▆▇█")
    }

    @Test func asciiSparklineUsesTheAsciiRamp() {
        let g = Sparkline.glyphs([0, 7], width: 2, glyphs: .ascii)
        #expect(String(String.UnicodeScalarView(g)) == "_#")
    }

    @Test func sparklineRightAlignsShortSeriesAndMarksNonFinite() {
        let g = Sparkline.glyphs([1, .nan, 3], width: 5, glyphs: .blocks)
        #expect(String(String.UnicodeScalarView(g)) == "  ▁!█")
    }

    @Test func sparklineAveragesIntoBuckets() {
        // 8 values into 4 columns: means 0.5, 2.5, 4.5, 6.5 → evenly spread levels.
        let g = Sparkline.glyphs([0, 1, 2, 3, 4, 5, 6, 7], width: 4, glyphs: .blocks)
        #expect(g.first == "▁" && g.last == "█" && g.count == 4)
    }

    /// A rising diagonal on a 2-row braille plot: the bottom-left and top-right dots are set.
    @Test func brailleDiagonalGoesFromBottomLeftToTopRight() {
        let chart = ChartModel(title: "t", series: [SeriesModel(name: "s", role: .lmn, [(0, 0), (100, 1)])])
        let model = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 0), charts: [chart])
        let grid = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .braille)
        let text = grid.plainTextLines
        // Find plot rows: any braille glyph present.
        let rows = text.enumerated().filter {
            $0.element.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
        }
        #expect(rows.count >= 6)
        let firstRow = rows.first!.element.unicodeScalars.map { $0 }
        let lastRow = rows.last!.element.unicodeScalars.map { $0 }
        let firstCol = firstRow.firstIndex { (0x2801...0x28FF).contains($0.value) }!
        let lastCol = lastRow.firstIndex { (0x2801...0x28FF).contains($0.value) }!
        #expect(firstCol > lastCol, "top row data should be right of bottom row data for a rising line")
    }

    @Test func nanGapsAreNotBridgedAndDivergenceIsMarked() throws {
        let points: [(step: Int, value: Double)] = (0...100).map { ($0, $0 >= 40 && $0 < 60 ? .nan : 0.5) }
        let chart = ChartModel(title: "t", series: [SeriesModel(name: "s", role: .trainLoss, points)])
        let model = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 100), charts: [chart])
        let grid = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .ascii)
        // The ASCII level glyph of a flat line depends on the plot height: find whichever it is.
        let level = try #require(
            (["'", "-", "_"] as [Character]).first { c in
                grid.plainTextLines.contains { $0.contains(String(repeating: c, count: 6)) }
            })
        let flatRow = try #require(grid.plainTextLines.first { $0.contains(String(repeating: level, count: 6)) })
        // A constant line with a NaN hole: two separate runs on the same row.
        let runs = flatRow.split(whereSeparator: { $0 != level }).filter { $0.count > 3 }
        #expect(runs.count == 2)
        // One divergence marker, where finite turned non-finite (not where it recovered).
        #expect(grid.plainText.filter { $0 == "X" }.count == 1)
    }

    @Test func nonFiniteValuesNeverPoisonTheYRange() {
        let clean = ChartModel(title: "t", series: [SeriesModel(name: "s", role: .lmn, [(0, 1), (50, 2), (100, 3)])])
        var poisoned = clean
        poisoned.series[0].points += [
            ChartPoint(step: 60, value: .infinity), ChartPoint(step: 70, value: .nan),
            ChartPoint(step: 80, value: -.infinity),
        ]
        poisoned.series[0].points.sort { $0.step < $1.step }
        func labels(_ c: ChartModel) -> [String] {
            let m = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 0), charts: [c])
            let g = DashboardRenderer.render(m, palette: palette, width: 60, height: 16, glyphs: .ascii)
            return g.plainTextLines.compactMap { line in
                line.split(separator: "+").first.map { $0.trimmingCharacters(in: .whitespaces) }
            }
            .filter { Double($0) != nil }
        }
        #expect(labels(clean) == labels(poisoned))
        #expect(labels(clean).contains("3") && labels(clean).contains("1"))
    }

    @Test func logYPlacesDecadesEvenly() throws {
        let chart = ChartModel(
            title: "t", series: [SeriesModel(name: "s", role: .trainLoss, [(0, 100), (50, 1), (100, 0.01)])], logY: true
        )
        let model = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 0), charts: [chart])
        let grid = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .ascii)
        let labelled = grid.plainTextLines.enumerated().compactMap { (i, line) -> (Int, String)? in
            guard line.contains("+"), let head = line.split(separator: "+", maxSplits: 1).first else { return nil }
            let label = head.trimmingCharacters(in: .whitespaces)
            return Double(label) != nil ? (i, label) : nil
        }
        #expect(labelled.map(\.1).contains("100") && labelled.map(\.1).contains("0.01"))
        // The middle of the plotted line (value 1) sits midway between 100 and 0.01 rows.
        let top = labelled.first { $0.1 == "100" }!.0
        let bottom = labelled.first { $0.1 == "0.01" }!.0
        #expect(bottom - top >= 6)
        let middle = try #require(labelled.first { $0.1 == "1" }).0
        #expect(abs((middle - top) - (bottom - middle)) <= 1, "decades must be evenly spaced")
    }

    @Test func negativeValuesOnLogAxisAreGapsNotCrashes() {
        let chart = ChartModel(
            title: "t", series: [SeriesModel(name: "s", role: .trainLoss, [(0, -1), (50, 0), (100, 1)])], logY: true)
        let model = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 0), charts: [chart])
        let grid = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .braille)
        #expect(grid.width == 60)
    }

    @Test func smoothedSeriesIsDrawnOverItsDimRawTwin() {
        let raw: [(step: Int, value: Double)] = (0...100).map { ($0, $0 % 2 == 0 ? 1.0 : 0.0) }
        let smooth: [(step: Int, value: Double)] = (0...100).map { ($0, 0.5) }
        let chart = ChartModel(title: "t", series: [SeriesModel(name: "s", role: .testLoss, smooth, raw: raw)])
        let model = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 0), charts: [chart])
        let grid = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .braille)
        let styles = Set(grid.cells.filter { (0x2801...0x28FF).contains($0.glyph.value) }.map(\.style))
        let bright = palette.style(.testLoss)
        #expect(styles.contains(bright))
        #expect(styles.contains(bright.with(.dim)))
    }

    @Test func monoPhaseBandSpellsPhaseLetters() {
        let mono = Theme.builtinDefault.palette(for: .mono)
        var model = DashboardFixtures.paperRun()
        model.markers = []
        let grid = DashboardRenderer.render(model, palette: mono, width: 80, height: 24, glyphs: .ascii)
        #expect(grid.plainText.contains("MMMMCCCC"))
        #expect(grid.plainText.contains("CCCCGGGG"))
    }
}
