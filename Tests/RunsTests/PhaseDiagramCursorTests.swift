import Foundation
import Snapshots
import Sweeps
import TUI
import Testing

@testable import Runs
@testable import RunsView

@Suite struct PhaseDiagramCursorTests {
    /// One option (a strip), three seeds at lr 1: two grokked, one diverged; lr 2: one running seed.
    static let strip: SweepSettings = {
        var runs: [[String: Any]] = []
        for lr in ["1", "2"] {
            for seed in 0...2 { runs.append(["name": "lr\(lr)_seed\(seed)", "seed": seed, "settings": ["lr": lr]]) }
        }
        let object: [String: Any] = ["grid": [["option": "lr", "values": ["1", "2"]]], "runs": runs]
        return SweepSettings.parse(try! JSONSerialization.data(withJSONObject: object))!
    }()

    static func stripTable() -> RunsTable {
        var table = RunsTable(staleAfter: 1e9)
        func add(_ name: String, _ records: [Record]) {
            table.add(id: "/d/" + name, name: name, now: 0)
            table.ingest(records, into: "/d/" + name, now: 0)
        }
        add("lr1_seed0", syntheticRun(memorizeAt: 50, generalizeAt: 200))
        add("lr1_seed1", syntheticRun(memorizeAt: 50, generalizeAt: 300))
        add("lr1_seed2", syntheticRun(memorizeAt: 50, generalizeAt: 100, end: .diverged))
        add("lr2_seed0", syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil))
        return table
    }

    @Test func majorityAndMedianIgnoreDivergedDelaysAndUnfinishedRuns() throws {
        let diagram = try #require(PhaseDiagram.build(table: Self.stripTable(), settings: Self.strip, now: 0))
        #expect(diagram.yOption == nil && diagram.cells.count == 1)
        let lr1 = diagram.cells[0][0]
        #expect(lr1.finished == 3 && lr1.outcomes.filter { $0 == .diverged }.count == 1)
        #expect(lr1.dominant == .grokked)  // 2 of 3, the diverged seed is outvoted
        #expect(lr1.medianDelay == 250)  // delays 150 and 250 only: the diverged run's is not counted
        #expect(lr1.rows.map(\.name) == ["lr1_seed0", "lr1_seed1", "lr1_seed2"])
        let lr2 = diagram.cells[0][1]
        #expect(lr2.runs.count == 1 && lr2.finished == 0 && lr2.dominant == nil && lr2.medianDelay == nil)
        #expect(diagram.label(x: 1, y: 0) == "lr=2")
        #expect(diagram.maxMedianDelay == 250)
    }

    @Test func diagramFillsInAsRunsFinish() throws {
        var table = Self.stripTable()
        table.ingest(
            Array(syntheticRun(memorizeAt: 50, generalizeAt: nil).suffix(1)), into: "/d/lr2_seed0", now: 1)
        let diagram = try #require(PhaseDiagram.build(table: table, settings: Self.strip, now: 1))
        #expect(diagram.cells[0][1].finished == 1 && diagram.cells[0][1].dominant != nil)
    }

    @Test func arrowsMoveAndClampEnterFiltersTheTableToTheCell() throws {
        var table = PhaseDiagramTests.table()
        let diagram = PhaseDiagram.build(table: table, settings: PhaseDiagramTests.manifest, now: 0)
        var cursor = PhaseDiagramKeys.Cursor()
        func press(_ key: KeyPress) -> PhaseDiagramKeys.Effect {
            PhaseDiagramKeys.handle(key, diagram: diagram, cursor: &cursor, table: &table, now: 0)
        }
        #expect(press(.left) == .redraw && cursor == .init(x: 0, y: 0))  // clamped at the edge
        #expect(press(.right) == .redraw && press(.right) == .redraw && cursor == .init(x: 1, y: 0))
        #expect(press(.up) == .redraw && cursor == .init(x: 1, y: 1))
        #expect(press(.down) == .redraw && cursor == .init(x: 1, y: 0))
        #expect(press(.character("z")) == .none)
        #expect(table.rows(now: 0).count == 5)
        #expect(press(.enter) == .leave)
        #expect(table.cellFilter?.label == "weight-decay=1 train-fraction=0.3")
        #expect(Set(table.rows(now: 0).map(\.name)) == ["wd1_frac0.3_seed0", "wd1_frac0.3_seed1"])
        #expect(table.selectedID.map { $0.hasPrefix("/d/wd1_frac0.3") } == true)
        let footer = RunsTableRenderer.render(
            RunsScreenModel(table: table, title: "runs", now: 0), palette: Theme.builtinDefault.palette(for: .ansi256),
            width: 120, height: 24, glyphs: .ascii
        ).plainText
        #expect(footer.contains("cell weight-decay=1 train-fraction=0.3  "))
        // Esc in the table clears the cell filter; Esc on the diagram leaves without filtering.
        var editing = false
        #expect(RunsKeys.handle(.escape, table: &table, editingFilter: &editing, now: 0) == .redraw)
        #expect(table.cellFilter == nil && table.rows(now: 0).count == 5)
        #expect(press(.escape) == .leave && table.cellFilter == nil)
        // No diagram: Enter does nothing.
        var none = PhaseDiagramKeys.Cursor()
        #expect(PhaseDiagramKeys.handle(.enter, diagram: nil, cursor: &none, table: &table, now: 0) == .none)
        #expect(table.cellFilter == nil)
    }

    @Test func cursorCellIsReversedAndItsRunsListed() throws {
        let diagram = PhaseDiagram.build(table: PhaseDiagramTests.table(), settings: PhaseDiagramTests.manifest, now: 0)
        let palette = Theme.builtinDefault.palette(for: .ansi256)
        let grid = PhaseDiagramRenderer.render(
            diagram, title: "runs", palette: palette, width: 80, height: 24, glyphs: .ascii,
            cursor: .init(x: 1, y: 0))
        let text = grid.plainText
        #expect(text.contains("weight-decay=1 train-fraction=0.3: 2 runs, 2 finished"))
        #expect(text.contains("wd1_frac0.3_seed0  G grokked  t_mem"))
        #expect(text.contains("delay 150") && text.contains("delay 250"))
        #expect(text.contains("d250 #"))  // the shade bar of the longest delay
        for outcome in RunOutcome.allCases {  // the whole legend fits at 80 columns
            #expect(text.contains("\(RunOutcome.letter(outcome)) \(outcome.rawValue)"))
        }
        #expect(!text.contains("wd0_frac0.3_seed0  "))  // another cell's run is not listed
        // Reverse video on exactly the cursor cell's blocks.
        let reversed = (0..<24).flatMap { y in (0..<80).filter { grid[$0, y].style.attributes.contains(.reverse) } }
        #expect(!reversed.isEmpty)
        let plain = PhaseDiagramRenderer.render(
            diagram, title: "runs", palette: palette, width: 80, height: 24, glyphs: .ascii)
        #expect(!plain.plainText.contains("2 runs, 2 finished"))
        #expect((0..<24).allSatisfy { y in (0..<80).allSatisfy { !plain[$0, y].style.attributes.contains(.reverse) } })
    }
}
