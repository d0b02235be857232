import Foundation

/// Throughput measurement for `grokscope bench` (no timing ever happens in tests).
public enum TrainingBenchmark {
    /// Training steps per second of `preset` (full batch as configured) with `threads` OpenBLAS
    /// threads, after a short warm-up. The thread count stays set afterwards.
    /// `precision` overrides the preset's (float64 costs dgemm and twice the memory traffic).
    public static func stepsPerSecond(
        preset: TrainingPreset, steps: Int = 1_000, threads: Int = 1, precision: Precision? = nil
    ) throws -> Double {
        BLASRuntime.setThreads(threads)
        var configuration = preset.configuration
        if let precision { configuration.precision = precision }
        let trainer = try AnyTrainer(configuration: configuration)
        for _ in 0..<min(50, steps) { trainer.trainStep() }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<steps { trainer.trainStep() }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(steps) / seconds
    }
}
