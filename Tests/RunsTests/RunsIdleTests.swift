import Testing

@testable import Runs

@Suite struct RunsIdleTests {
    /// The screen may skip rebuilding rows until a live run can turn stale; ended runs never change.
    @Test func nextStatusChangeIsTheEarliestStaleTimeOfALiveRun() {
        var table = RunsTable(staleAfter: 30)
        table.add(id: "done", name: "done", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 300), into: "done", now: 0)
        #expect(table.nextStatusChange(after: 1) == nil)  // negative: nothing can age
        table.add(id: "a", name: "a", now: 5)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil), into: "a", now: 10)
        table.add(id: "b", name: "b", now: 20)
        #expect(table.nextStatusChange(after: 12) == 40)  // a turns stale at 10 + 30, before b at 50
        #expect(table.nextStatusChange(after: 45) == 50)  // a already stale: b next
        table.markDeleted("b")
        #expect(table.nextStatusChange(after: 45) == nil)
    }
}
