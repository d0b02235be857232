import Publishing
import Snapshots
import Testing

@Suite struct TeeSinkTests {
    final class Collect: RecordSink {
        var records: [Record] = []
        var flushes = 0
        func write(_ record: Record) { records.append(record) }
        func flush() { flushes += 1 }
    }

    @Test func everySinkGetsEveryRecordInOrder() {
        let a = Collect()
        let b = Collect()
        let tee = TeeSink([a])
        let first = Record.event(RunEvent(step: 1, kind: "k", message: "one"))
        tee.write(first)
        tee.add(b)  // a sink added later sees only what comes after
        tee.write(.end(RunEnd(step: 2, status: .completed)))
        tee.flush()
        #expect(a.records.count == 2 && b.records.count == 1)
        #expect(a.records.first == first)
        #expect(a.flushes == 1 && b.flushes == 1 && tee.sinks.count == 2)
        // No sinks: writing is a no-op, not a crash.
        TeeSink().write(first)
    }
}
