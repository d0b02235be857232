import Phases
import Runs
import Snapshots
import TUI
import Testing

@testable import RunsView

@Suite struct RunsTableRendererTests {
    let palette = Theme.builtinDefault.palette(for: .ansi256)

    func model(selected: String = "/d/wd1_seed0") -> RunsScreenModel {
        var table = RunsTable(staleAfter: 30)
        let runs: [(String, Int?, Int?, EndStatus?)] = [
            ("wd0.1_seed0", 50, 300, .completed), ("wd1_seed0", 50, 100, .completed),
            ("wd0_seed0", 50, nil, nil), ("wd3_seed0", nil, nil, .diverged),
        ]
        for (name, m, g, end) in runs {
            table.add(id: "/d/" + name, name: name, now: 0)
            table.ingest(syntheticRun(memorizeAt: m, generalizeAt: g, end: end), into: "/d/" + name, now: 0)
        }
        table.add(id: "/d/gone", name: "gone", now: 0)
        table.markDeleted("/d/gone")
        table.toggleMark("/d/wd0_seed0")
        table.selectedID = selected
        table.sort(by: .tGen)
        return RunsScreenModel(table: table, title: "runs/wd", now: 10)
    }

    func line(_ grid: CellGrid, containing text: String) -> (y: Int, line: String)? {
        grid.plainTextLines.enumerated().first { $0.element.contains(text) }.map { ($0.offset, $0.element) }
    }

    @Test func wideScreenShowsEveryColumnCountsAndSparklines() {
        let grid = RunsTableRenderer.render(model(), palette: palette, width: 120, height: 40, glyphs: .braille)
        let lines = grid.plainTextLines
        #expect(lines[0].contains("grokscope runs runs/wd"))
        #expect(lines[0].contains("5 runs: 1 live 0 stale 2 done 1 failed 1 deleted"))
        for title in [
            "name", "status", "phase", "step", "t_mem", "t_gen▲", "delay", "LMN drop", "r(L,LMN)", "test acc",
            "LMN trace",
        ] {
            #expect(lines[1].contains(title), "missing column \(title)")
        }
        // Sorted by t_gen ascending, runs without t_gen last by name.
        let order = ["wd1_seed0", "wd0.1_seed0", "gone", "wd0_seed0", "wd3_seed0"].map { name in
            lines.firstIndex { $0.contains(" " + name + " ") }
        }
        #expect(order == [2, 3, 4, 5, 6])
        let grokked = lines[3]
        #expect(grokked.contains("done") && grokked.contains("generalized") && grokked.contains("390/400"))
        #expect(grokked.contains("250"))  // delay 300 − 50
        #expect(lines[5].contains("* wd0_seed0"))  // marked
        #expect(lines[6].contains("failed"))
        #expect(lines[3].unicodeScalars.contains { (0x2581...0x2588).contains($0.value) })  // sparkline blocks
        // The selected row (and only it) is reverse video.
        #expect(grid[0, 2].style.attributes.contains(CellAttributes.reverse))
        #expect(!grid[0, 3].style.attributes.contains(CellAttributes.reverse))
        #expect(lines[39].contains("q quit"))
    }

    @Test func narrowScreenDropsLowPriorityColumnsFirst() {
        let grid = RunsTableRenderer.render(model(), palette: palette, width: 80, height: 24, glyphs: .ascii)
        let titles = grid.plainTextLines[1]
        for kept in ["name", "status", "phase", "step", "test acc"] { #expect(titles.contains(kept), "\(kept)") }
        for dropped in ["r(L,LMN)", "LMN trace"] { #expect(!titles.contains(dropped), "\(dropped)") }
        #expect(titles.contains("t_gen^"))  // ASCII sort arrow
        #expect(grid.plainTextLines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value < 0x80 } })
        let layout = RunsTableLayout(width: 80)
        #expect(layout.columns.last.map { $0.x + $0.width } ?? 0 <= 80)
        // Negative: at 120 columns with short names nothing is dropped.
        #expect(RunsTableLayout(width: 120).visibleColumns == RunColumn.allCases)
        // Sweep-length names are shown whole: the lowest-priority column gives way.
        let long = RunsTableLayout(width: 120, nameWidth: 2 + "wd0_frac0.5_seed0".count)
        #expect(long.columns[0].width >= 19 && !long.visibleColumns.contains(.correlation))
    }

    @Test func selectionScrollsIntoViewOnShortScreens() {
        let grid = RunsTableRenderer.render(
            model(selected: "/d/wd3_seed0"), palette: palette, width: 60, height: 6, glyphs: .ascii)
        // 3 body rows: the last-sorted run must be on screen and highlighted.
        let hit = line(grid, containing: "wd3_seed0")
        #expect(hit != nil)
        #expect(hit.map { grid[0, $0.y].style.attributes.contains(CellAttributes.reverse) } == true)
        #expect(line(grid, containing: "wd1_seed0") == nil)  // scrolled off
    }

    @Test func tinyScreenSaysTooSmall() {
        let grid = RunsTableRenderer.render(model(), palette: palette, width: 20, height: 4, glyphs: .ascii)
        #expect(grid.plainTextLines[0].hasPrefix("terminal too small"))
        let ok = RunsTableRenderer.render(model(), palette: palette, width: 40, height: 6, glyphs: .ascii)
        #expect(!ok.plainText.contains("too small"))
    }

    @Test func filterPromptEmptyStateAndUntrustedNames() {
        var m = model()
        m.rows = []
        m.filter = "zz\u{1b}[31m"
        m.isEditingFilter = true
        let grid = RunsTableRenderer.render(m, palette: palette, width: 80, height: 24, glyphs: .ascii)
        #expect(grid.plainText.contains("no run matches the filter"))
        #expect(grid.plainTextLines[23].hasPrefix("filter: zz"))
        #expect(!grid.plainText.unicodeScalars.contains("\u{1b}"))
    }
}

extension RunsTableRendererTests {
    /// `grokscope sweep`'s status line leads the footer (sanitized); `watch DIR` has none.
    @Test func sweepStatusLeadsTheFooterOnlyWhenGiven() {
        var m = model()
        let plain = RunsTableRenderer.render(m, palette: palette, width: 160, height: 24, glyphs: .ascii)
        #expect(plain.plainTextLines[23].hasPrefix("up/down select"))
        m.status = "sweep: 2 running · 1 queued\u{1b}[31m"
        let grid = RunsTableRenderer.render(m, palette: palette, width: 160, height: 24, glyphs: .ascii)
        #expect(grid.plainTextLines[23].hasPrefix("sweep: 2 running · 1 queued"))
        #expect(grid.plainTextLines[23].contains("up/down select"))
        #expect(!grid.plainText.unicodeScalars.contains("\u{1b}"))
    }
}
