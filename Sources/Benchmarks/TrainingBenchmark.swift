import Engine
import Foundation

/// Throughput measurement for `grokscope bench` (no timing ever happens in tests).
public enum TrainingBenchmark {
    /// Steps per wall second and per CPU second of this process (all threads). On a shared machine
    /// the wall rate includes waiting for a core; the CPU rate does not (but counts spinning threads).
    public struct Rate: Sendable, Equatable {
        public var wall: Double
        public var cpu: Double
    }

    /// Training steps per second of `preset` (full batch as configured) with `threads` OpenBLAS
    /// threads, after a short warm-up. The thread count stays set afterwards.
    /// `precision` overrides the preset's (float64 costs dgemm and twice the memory traffic).
    public static func stepsPerSecond(
        preset: TrainingPreset, steps: Int = 1_000, threads: Int = 1, precision: Precision? = nil
    ) throws -> Double {
        try rate(preset: preset, steps: steps, threads: threads, precision: precision).wall
    }

    /// `stepsPerSecond` with the CPU-time rate beside it.
    public static func rate(
        preset: TrainingPreset, steps: Int = 1_000, threads: Int = 1, precision: Precision? = nil
    ) throws -> Rate {
        BLASRuntime.setThreads(threads)
        var configuration = preset.configuration
        if let precision { configuration.precision = precision }
        let trainer = try AnyTrainer(configuration: configuration)
        for _ in 0..<min(50, steps) { trainer.trainStep() }
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        let elapsed = clock.measure {
            for _ in 0..<steps { trainer.trainStep() }
        }
        let cpu = cpuSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Rate(wall: Double(steps) / seconds, cpu: Double(steps) / cpu)
    }

    /// CPU seconds used so far by this process, all threads (`CLOCK_PROCESS_CPUTIME_ID`).
    public static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}
