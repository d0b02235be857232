import Snapshots

/// Keeps every record in memory, in order.
final class RecordingSink: RecordSink {
    private(set) var records: [Record] = []
    private(set) var flushes = 0

    func write(_ record: Record) { records.append(record) }
    func flush() { flushes += 1 }

    var evaluations: [Evaluation] {
        records.compactMap { if case .evaluation(let e) = $0 { return e } else { return nil } }
    }
    var events: [RunEvent] {
        records.compactMap { if case .event(let e) = $0 { return e } else { return nil } }
    }
    var end: RunEnd? {
        if case .end(let end) = records.last { return end } else { return nil }
    }
}
