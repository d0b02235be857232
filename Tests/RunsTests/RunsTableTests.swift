import Phases
import Snapshots
import Testing

@testable import Runs

/// Records of a synthetic run: train accuracy perfect from `memorizeAt`, test accuracy from `generalizeAt`.
func syntheticRun(
    memorizeAt: Int?, generalizeAt: Int?, steps: Int = 400, every: Int = 10, end: EndStatus? = .completed,
    lmnSpikeAt: Int? = nil
) -> [Record] {
    var records: [Record] = [
        .header(
            RunHeader(
                runID: "r", name: "r", task: "add", settings: [:], totalSteps: steps, startTime: 0, producer: "test"))
    ]
    for step in stride(from: 0, to: steps, by: every) {
        let train = memorizeAt.map { step >= $0 ? 1.0 : 0.5 } ?? 0.5
        let test = generalizeAt.map { step >= $0 ? 1.0 : 0.1 } ?? 0.1
        let lmn = step == lmnSpikeAt ? 1000.0 : 10.0 - Double(step) / Double(steps)
        records.append(
            .evaluation(
                Evaluation(
                    step: step, wallTime: Double(step),
                    metrics: [
                        "train_acc": train, "test_acc": test, "train_loss": 1 - train, "test_loss": 2 - test,
                        "lmn": lmn,
                    ])))
    }
    if let end { records.append(.end(RunEnd(step: steps - every, status: end))) }
    return records
}

@Suite struct RunsTableStatusTests {
    @Test func statusFollowsEndRecordsActivityAndDeletion() {
        var table = RunsTable(staleAfter: 30)
        for id in ["done", "diverged", "interrupted", "live", "stale", "deleted", "unreadable"] {
            table.add(id: id, name: id, now: 0)
        }
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 300), into: "done", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: .diverged), into: "diverged", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: .interrupted), into: "interrupted", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil), into: "live", now: 95)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil), into: "stale", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 300), into: "deleted", now: 0)
        table.markDeleted("deleted")
        table.setProblem("cannot read", for: "unreadable")
        let status = Dictionary(uniqueKeysWithValues: table.rows(now: 100).map { ($0.id, $0.status) })
        #expect(status["done"] == .done)
        #expect(status["diverged"] == .failed)
        #expect(status["interrupted"] == .stopped)  // Ctrl-C is not a failure: resumable
        #expect(status["live"] == .live)  // last record 5 s ago
        #expect(status["stale"] == .stale)  // 100 s ago, no end record
        #expect(status["deleted"] == .deleted)  // deleted wins over its end record; the row stays
        #expect(status["unreadable"] == .failed)
        // Negative: the same run without records for less than the stale interval is still live.
        #expect(table.rows(now: 29).first { $0.id == "stale" }?.status == .live)
        let counts = table.counts(now: 100)
        #expect(counts[.failed] == 2 && counts[.stopped] == 1 && counts[.done] == 1 && counts[.live] == 1 && counts[.stale] == 1)
    }

    @Test func aReappearingFileIsNoLongerDeleted() {
        var table = RunsTable()
        table.add(id: "a", name: "a", now: 0)
        table.markDeleted("a")
        #expect(table.rows(now: 1)[0].status == .deleted)
        table.add(id: "a", name: "a", now: 1)
        #expect(table.rows(now: 1)[0].status == .live)
    }

    @Test func rowCarriesPhaseFiguresAndBoundedTraces() {
        var table = RunsTable()
        table.add(id: "g", name: "g", now: 0)
        table.ingest(
            syntheticRun(memorizeAt: 50, generalizeAt: 3000, steps: 20_000, lmnSpikeAt: 7000), into: "g", now: 0)
        let row = table.rows(now: 0)[0]
        #expect(row.verdict == .generalized)
        #expect(row.outcome == .grokked)
        #expect(row.tMem == 50 && row.tGen == 3000 && row.delay == 2950)
        #expect(row.step == 19_990 && row.totalSteps == 20_000)
        #expect(row.testAccuracy == 1)
        #expect(row.lmnDrop != nil)
        // 2 000 evaluations kept in a bounded trace that still shows the single spike.
        #expect(row.lmnTrace.count <= 2 * (RunTracker.bucketCapacity + 1) + RunTracker.recentCapacity)
        #expect(row.lmnTrace.contains(1000))
        // Negative: a run that never memorized has no boundaries.
        table.add(id: "n", name: "n", now: 0)
        table.ingest(syntheticRun(memorizeAt: nil, generalizeAt: nil), into: "n", now: 0)
        let never = table.rows(now: 0).first { $0.id == "n" }!
        #expect(never.tMem == nil && never.delay == nil && never.outcome == .noMemorization)
    }
}

@Suite struct RunsTableSortFilterTests {
    static func table() -> RunsTable {
        var table = RunsTable(staleAfter: 1e9)
        table.add(id: "/d/wd0.1", name: "wd0.1", now: 0)
        table.add(id: "/d/wd1", name: "wd1", now: 0)
        table.add(id: "/d/wd0", name: "wd0", now: 0)
        table.add(id: "/d/empty", name: "empty", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 300), into: "/d/wd0.1", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 100), into: "/d/wd1", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil), into: "/d/wd0", now: 0)
        return table
    }

    @Test func sortsByAColumnAndFlipsDirectionWithMissingValuesLast() {
        var table = Self.table()
        table.sort(by: .tGen)
        #expect(table.rows(now: 0).map(\.name) == ["wd1", "wd0.1", "empty", "wd0"])  // nil t_gen last, by name
        table.sort(by: .tGen)
        #expect(!table.ascending)
        #expect(table.rows(now: 0).map(\.name) == ["wd0.1", "wd1", "empty", "wd0"])  // still last
        table.sort(by: .name)
        #expect(table.ascending)
        #expect(table.rows(now: 0).map(\.name) == ["empty", "wd0", "wd0.1", "wd1"])
    }

    @Test func cyclingSkipsUnsortableColumns() {
        var table = Self.table()
        var seen: [RunColumn] = []
        for _ in 0..<RunColumn.sortable.count {
            table.cycleSortColumn(by: 1)
            seen.append(table.sortColumn)
        }
        #expect(Set(seen) == Set(RunColumn.sortable))
        #expect(!seen.contains(.lmnTrace))
        table.cycleSortColumn(by: -1)
        #expect(table.sortColumn == RunColumn.sortable[RunColumn.sortable.count - 1])
    }

    @Test func filtersByNameOrStatusCaseInsensitively() {
        var table = Self.table()
        table.filter = "WD0"
        #expect(table.rows(now: 0).map(\.name) == ["wd0", "wd0.1"])
        table.filter = "done"
        #expect(table.rows(now: 0).map(\.name) == ["wd0.1", "wd1"])
        table.filter = "nothing-like-this"
        #expect(table.rows(now: 0).isEmpty)
        table.filter = ""
        #expect(table.rows(now: 0).count == 4)
        #expect(table.counts(now: 0).values.reduce(0, +) == 4)  // counts ignore the filter
    }

    @Test func marksAndSelectionFollowRuns() {
        var table = Self.table()
        table.toggleMark("/d/wd1")
        table.toggleMark("/d/unknown")  // not a run: ignored
        #expect(table.marked == ["/d/wd1"])
        #expect(table.rows(now: 0).filter(\.isMarked).map(\.name) == ["wd1"])
        table.toggleMark("/d/wd1")
        #expect(table.marked.isEmpty)
        table.selectedID = "/d/wd0"
        table.moveSelection(by: 1, now: 0)
        #expect(table.selectedID == "/d/wd0.1")
        table.moveSelection(by: 10, now: 0)
        #expect(table.selectedID == "/d/wd1")  // clamped
        table.filter = "empty"
        table.moveSelection(by: 0, now: 0)
        #expect(table.selectedID == "/d/empty")  // the selected run was filtered out
    }
}
