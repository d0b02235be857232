import Foundation
import Monitor
import Snapshots

/// Measures ingesting a long run into `MonitorState` (`grokscope bench` prints it).
public enum MonitorBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var records: Int
        /// Wall-clock seconds.
        public var seconds: Double
        /// CPU seconds of the ingesting thread (stable when other processes share the cores).
        public var cpuSeconds: Double
        public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : .infinity }
        /// Heap bytes held by the histories afterwards (estimate from capacities).
        public var stateBytes: Int
        /// Growth of the process's peak resident set during the run (Linux `VmHWM`), when readable.
        public var peakResidentGrowthBytes: Int?
        public var series: Int

        public var description: String {
            let mb = { (b: Int) in String(format: "%.1f MB", Double(b) / 1_048_576) }
            var text = "monitor ingest: \(records) records in \(String(format: "%.3f", seconds)) s"
            text += " (cpu \(String(format: "%.3f", cpuSeconds)) s)"
            text += " (\(String(format: "%.2f", recordsPerSecond / 1e6)) M records/s), \(series) series,"
            text += " state ≈ \(mb(stateBytes))"
            if let peakResidentGrowthBytes { text += ", peak RSS growth \(mb(peakResidentGrowthBytes))" }
            return text
        }
    }

    /// Feeds `records` evaluations (train/test loss and accuracy, L2, LMN every 10th, two layer
    /// norms, a NaN now and then) into a fresh monitor and times it. Records are built from a small
    /// pool so the measurement is the monitor, not the allocation of a million dictionaries.
    public static func ingest(records count: Int = 1_000_000) -> Result {
        let pool = makePool(size: 1000)
        var state = MonitorState(clock: ManualClock())
        let header = RunHeader(runID: "bench", name: "bench", task: "synthetic", startTime: 0, producer: "bench")
        state.ingest(.header(header))
        let residentBefore = peakResidentBytes()
        let start = monotonicSeconds()
        let cpuStart = threadCPUSeconds()
        for i in 0..<count {
            var evaluation = pool[i % pool.count]
            evaluation.step = i
            state.ingest(.evaluation(evaluation))
        }
        let seconds = monotonicSeconds() - start
        let cpuSeconds = threadCPUSeconds() - cpuStart
        let residentAfter = peakResidentBytes()
        var growth: Int?
        if let residentBefore, let residentAfter { growth = residentAfter - residentBefore }
        return Result(
            records: count, seconds: seconds, cpuSeconds: cpuSeconds, stateBytes: state.approximateByteCount,
            peakResidentGrowthBytes: growth, series: state.seriesNames.count)
    }

    static func makePool(size: Int) -> [Evaluation] {
        (0..<size).map { i in
            let t = Double(i) / Double(size)
            var metrics: [String: Double] = [
                MetricName.trainLoss: 3 * exp(-8 * t), MetricName.testLoss: 5 - 4 * t,
                MetricName.trainAccuracy: min(1, 2 * t), MetricName.testAccuracy: t * t,
                MetricName.l2: 40 - 10 * t, MetricName.layerNorm("embedding"): 20 - 5 * t,
                MetricName.layerNorm("out"): 8 + sin(20 * t),
            ]
            if i % 10 == 0 { metrics[MetricName.lmn] = 5 - 2 * t }
            if i % 97 == 0 { metrics[MetricName.testLoss] = .nan }
            return Evaluation(step: i, wallTime: Double(i) * 0.01, metrics: metrics)
        }
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// `VmHWM` from /proc/self/status (Linux), in bytes.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
