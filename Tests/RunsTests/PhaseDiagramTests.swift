import Foundation
import Snapshots
import TUI
import Testing

@testable import Runs
@testable import RunsView

@Suite struct PhaseDiagramTests {
    /// weight-decay 0,1 × train-fraction 0.3,0.7, seeds 0–1.
    static let manifest: SweepSettings = {
        var runs: [[String: Any]] = []
        for wd in ["0", "1"] {
            for frac in ["0.3", "0.7"] {
                for seed in 0...1 {
                    runs.append([
                        "name": "wd\(wd)_frac\(frac)_seed\(seed)", "seed": seed,
                        "settings": ["weight-decay": wd, "train-fraction": frac],
                    ])
                }
            }
        }
        let object: [String: Any] = [
            "grid": [
                ["option": "weight-decay", "values": ["0", "1"]],
                ["option": "train-fraction", "values": ["0.3", "0.7"]],
            ],
            "runs": runs,
        ]
        return SweepSettings.parse(try! JSONSerialization.data(withJSONObject: object))!
    }()

    static func table() -> RunsTable {
        var table = RunsTable(staleAfter: 1e9)
        func add(_ name: String, _ records: [Record]) {
            table.add(id: "/d/" + name, name: name, now: 0)
            table.ingest(records, into: "/d/" + name, now: 0)
        }
        add("wd1_frac0.3_seed0", syntheticRun(memorizeAt: 50, generalizeAt: 300))
        add("wd1_frac0.3_seed1", syntheticRun(memorizeAt: 50, generalizeAt: 200))
        add("wd0_frac0.3_seed0", syntheticRun(memorizeAt: 50, generalizeAt: nil))
        add("wd0_frac0.3_seed1", syntheticRun(memorizeAt: 50, generalizeAt: 300, end: nil))  // still running
        add("wd1_frac0.7_seed0", syntheticRun(memorizeAt: 50, generalizeAt: 300, end: .diverged))
        return table
    }

    @Test func cellsHoldTheDominantOutcomeAcrossSeeds() throws {
        #expect(Self.manifest.values["train-fraction"] == ["0.3", "0.7"])
        let diagram = try #require(PhaseDiagram.build(table: Self.table(), settings: Self.manifest, now: 0))
        #expect(diagram.xOption == "weight-decay" && diagram.yOption == "train-fraction")
        let grokked = diagram.cells[0][1]  // frac 0.3, wd 1
        #expect(grokked.dominant == .grokked && grokked.finished == 2 && grokked.runs.count == 2)
        #expect(grokked.medianDelay == 250)  // delays 150 and 250: the upper median
        let memorized = diagram.cells[0][0]  // the running seed is not counted yet
        #expect(memorized.dominant == .memorizedOnly && memorized.finished == 1 && memorized.runs.count == 2)
        #expect(diagram.cells[1][1].dominant == .diverged)
        #expect(diagram.cells[1][0].dominant == nil && diagram.cells[1][0].runs.isEmpty)  // no streams yet
        // Negative: no manifest, no diagram.
        #expect(PhaseDiagram.build(table: Self.table(), settings: nil, now: 0) == nil)
    }

    @Test func heatmapShowsLettersCountsAndDelays() throws {
        let diagram = PhaseDiagram.build(table: Self.table(), settings: Self.manifest, now: 0)
        let palette = Theme.builtinDefault.palette(for: .ansi256)
        let grid = PhaseDiagramRenderer.render(
            diagram, title: "runs", palette: palette, width: 80, height: 24, glyphs: .ascii)
        let text = grid.plainText
        #expect(text.contains("weight-decay (x) x train-fraction (y)"))
        #expect(text.unicodeScalars.allSatisfy { $0.value < 0x80 })
        #expect(text.contains("G 2/2") && text.contains("d250") && text.contains("M 1/2") && text.contains("! 1/1"))
        #expect(text.contains(". 0/0"))
        #expect(text.contains("G grokked"))
        let none = PhaseDiagramRenderer.render(
            nil, title: "runs", palette: palette, width: 80, height: 24, glyphs: .ascii)
        #expect(none.plainText.contains("no sweep.json"))
        let tiny = PhaseDiagramRenderer.render(
            diagram, title: "runs", palette: palette, width: 20, height: 5, glyphs: .ascii)
        #expect(tiny.plainText.contains("too small"))
    }
}
