import Snapshots

/// Sends every record to several sinks (the dashboard's channel and the log file at once).
final class TeeSink: RecordSink {
    private(set) var sinks: [RecordSink]

    init(_ sinks: [RecordSink] = []) { self.sinks = sinks }

    func add(_ sink: RecordSink) { sinks.append(sink) }

    func write(_ record: Record) { for sink in sinks { sink.write(record) } }

    func flush() { for sink in sinks { sink.flush() } }
}
