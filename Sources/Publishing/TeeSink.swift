import Snapshots

/// Sends every record to several sinks (the dashboard's channel and the log file at once).
public final class TeeSink: RecordSink {
    public private(set) var sinks: [RecordSink]

    public init(_ sinks: [RecordSink] = []) { self.sinks = sinks }

    public func add(_ sink: RecordSink) { sinks.append(sink) }

    public func write(_ record: Record) { for sink in sinks { sink.write(record) } }

    public func flush() { for sink in sinks { sink.flush() } }
}
