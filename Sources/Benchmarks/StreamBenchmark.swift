import Snapshots

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Benchmark entry points for `grokscope bench` (not tests: they time, they do not judge).
/// Each builds a realistic stream in memory first, so only the codec is measured.
public enum StreamBenchmark {
    /// A realistic stream: a header and `records` evaluations with the paper's metrics (LMN every 10th).
    public static func sampleStream(records: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records * 200 + 512)
        let header = RunHeader(
            runID: "bench", name: "benchmark", task: "add mod 31", settings: ["model": "emb32-100-100"], seed: 0,
            probeSize: 60, totalSteps: records, startTime: 1_790_000_000, producer: "grokscope bench")
        RecordEncoder.append(.header(header), to: &bytes)
        for evaluation in sampleEvaluations(count: records) {
            RecordEncoder.append(.evaluation(evaluation), to: &bytes)
        }
        return bytes
    }

    /// Evaluations with full-precision values, like a real run's.
    public static func sampleEvaluations(count: Int) -> [Evaluation] {
        (0..<count).map { i in
            let t = Double(i)
            var metrics: [String: Double] = [
                MetricName.trainLoss: 3.43 * exp(-t / 700) + 1e-6, MetricName.testLoss: 3.5 + sin(t / 900) * 0.9,
                MetricName.trainAccuracy: Double(i % 193) / 192, MetricName.testAccuracy: Double(i % 97) / 96,
                MetricName.l2: 42.7 - t * 1.3e-5, MetricName.learningRate: 0.001,
            ]
            if i % 10 == 0 { metrics[MetricName.lmn] = 2.8 + cos(t / 1234) }
            return Evaluation(step: i * 10, wallTime: t * 0.0021, metrics: metrics)
        }
    }

    /// Seconds to decode a stream of `records` evaluations (plus header) with a `StreamReader`.
    public static func decode(records: Int, path: DecodingPath = .fast) -> Double {
        decodeTimes(records: records, path: path).wall
    }

    /// Wall-clock and CPU seconds of the decode (CPU time is the steadier number on a busy machine).
    public static func decodeTimes(records: Int, path: DecodingPath = .fast) -> (wall: Double, cpu: Double) {
        let bytes = sampleStream(records: records)
        var decoded: [Record] = []
        let start = monotonicSeconds()
        let cpuStart = threadCPUSeconds()
        var reader = StreamReader(decodingPath: path)
        bytes.withUnsafeBytes { reader.consume($0, into: &decoded) }
        reader.finish(into: &decoded)
        let cpu = threadCPUSeconds() - cpuStart
        let elapsed = monotonicSeconds() - start
        precondition(decoded.count == records + 1, "benchmark stream did not decode: \(reader.diagnostics.summary)")
        return (elapsed, cpu)
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// Records encoded per second (one line per record into a reused buffer).
    public static func encodeRate(records: Int) -> Double {
        let evaluations = sampleEvaluations(count: records)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        var total = 0
        let start = monotonicSeconds()
        for evaluation in evaluations {
            buffer.removeAll(keepingCapacity: true)
            RecordEncoder.append(.evaluation(evaluation), to: &buffer)
            total += buffer.count
        }
        let elapsed = monotonicSeconds() - start
        precondition(total > 0)
        return Double(records) / elapsed
    }

    /// Peak resident set size of this process in KiB (`VmHWM` of /proc/self/status), nil elsewhere.
    public static func peakResidentKiB() -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") { return Int(text.dropFirst(6).filter(\.isNumber)) }
        }
        return nil
    }
}
