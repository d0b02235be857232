import Benchmarks
import Metrics
import TestSupport
import Testing

/// The LMN benchmark's net and timings are sane (no timing targets: those live in `grokscope bench`).
@Suite struct LMNBenchmarkTests {
    @Test func benchmarkRunsOnASmallNet() throws {
        let measurement = try LMNBenchmark.run(probes: 9, hidden: 6, classes: 3, repetitions: 2, threads: 2)
        #expect(measurement.value >= 1 && measurement.value <= 9)
        #expect(measurement.medianSeconds >= measurement.minimumSeconds && measurement.minimumSeconds > 0)
        #expect(measurement.medianCPUSeconds > 0)
        // "unknown" is the fallback when OpenBLAS does not answer: the bench would then report nothing.
        #expect(measurement.blasCore != "unknown" && !measurement.blasCore.isEmpty)
        // The value is the LMN of the benchmark's own net, as the naive definition computes it.
        let naive = try LMNBenchmark.naive(probes: 9, hidden: 6, classes: 3, repetitions: 1)
        #expect(isApproximatelyEqual(measurement.value, naive.value, relative: 1e-7))
        #expect(isApproximatelyEqual(naive.fastValue, naive.value, relative: 1e-7))
    }

    /// The kernel option changes how, not what: the same LMN on every kernel.
    @Test(arguments: LMNBenchmark.Kernel.allCases)
    func kernelOptionKeepsTheValue(kernel: LMNBenchmark.Kernel) throws {
        let naive = try LMNBenchmark.naive(probes: 12, hidden: 8, classes: 3, repetitions: 1)
        let m = try LMNBenchmark.run(probes: 12, hidden: 8, classes: 3, repetitions: 1, kernel: kernel)
        #expect(isApproximatelyEqual(m.value, naive.value, relative: 1e-7))
    }
}
