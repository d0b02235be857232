import Publishing
import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// Benchmark entry points for `grokscope bench`.
public enum ChannelBenchmark {
    /// Nanoseconds per `send` of a realistic evaluation into a channel nobody reads (the worst case
    /// for the producer: the queue is full and every send drops the oldest evaluation).
    public static func sendCost(count: Int = 1_000_000) -> Double {
        let channel = RecordChannel()
        let record = Record.evaluation(StreamBenchmark.sampleEvaluations(count: 1)[0])
        let start = now()
        for _ in 0..<count { channel.send(record) }
        let elapsed = now() - start
        precondition(channel.droppedCount == max(0, count - channel.evaluationCapacity))
        return elapsed / Double(max(count, 1)) * 1e9
    }

    /// Seconds to read a file of `records` evaluations with `StreamFile.readAll` (written to a temp
    /// file first; the page cache is warm, as for a replay of a recent run).
    public static func readFile(records: Int) -> Double {
        let path = "/tmp/grokscope-bench-\(getpid()).ndjson"
        defer { unlink(path) }
        let bytes = StreamBenchmark.sampleStream(records: records)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        let start = now()
        let result = try? StreamFile.readAll(path: path)
        let elapsed = now() - start
        precondition(result?.records.count == records + 1)
        return elapsed
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
