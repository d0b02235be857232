import CBLAS
import Dispatch
import Engine
import Foundation
import Metrics

/// Times the fast LMN on a seeded random paper-shaped net, for `grokscope bench`. No I/O: the caller
/// prints the measurement (and which OpenBLAS kernel ran).
public enum LMNBenchmark {
    public struct Measurement: Sendable, Equatable {
        public var probes: Int
        public var hidden: Int
        public var classes: Int
        public var threads: Int
        public var repetitions: Int
        public var medianSeconds: Double
        public var minimumSeconds: Double
        /// Median CPU seconds of this process per evaluation (all threads): on a shared machine the
        /// wall time includes waiting for a core, the CPU time does not.
        public var medianCPUSeconds: Double
        /// The LMN computed (so the work cannot be optimized away, and as a sanity value).
        public var value: Double
        /// OpenBLAS's kernel (`openblas_get_corename`), e.g. "SkylakeX" or the slow "Prescott".
        public var blasCore: String
        /// OpenBLAS's own thread count while measuring.
        public var blasThreads: Int
    }

    /// The inner loops to time (`grokscope bench --lmn-kernel`): the CPU's best, the AVX2 twin of
    /// the AVX-512 kernel (what AVX2-only machines run), or the portable Swift loops.
    public enum Kernel: String, Sendable, CaseIterable {
        case auto, avx2, portable
    }

    /// The naive definition's time on the same net (`value`), and the fast path's LMN beside it.
    public struct NaiveMeasurement: Sendable, Equatable {
        public var repetitions: Int
        public var medianSeconds: Double
        public var medianCPUSeconds: Double
        public var value: Double
        public var fastValue: Double
    }

    /// Times `LMN.naive` (no warm-up: it is slow enough), on the net of `run`.
    public static func naive(
        probes: Int = 128, hidden: Int = 100, classes: Int = 31, repetitions: Int = 3, seed: UInt64 = 1
    ) throws -> NaiveMeasurement {
        let (tail, representations) = network(probes: probes, hidden: hidden, classes: classes, seed: seed)
        var value = 0.0
        var seconds = [Double]()
        var cpu = [Double]()
        for _ in 0..<max(repetitions, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = TrainingBenchmark.cpuSeconds()
            value = try LMN.naive(tail: tail, hidden: representations, count: probes).value
            cpu.append(TrainingBenchmark.cpuSeconds() - cpuStart)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        seconds.sort()
        cpu.sort()
        let fast = try LMN.fast(tail: tail, hidden: representations, count: probes).value
        return NaiveMeasurement(
            repetitions: seconds.count, medianSeconds: seconds[seconds.count / 2], medianCPUSeconds: cpu[cpu.count / 2],
            value: value, fastValue: fast)
    }

    /// Which inner loops the fast path uses on this CPU, for the bench report.
    public static var kernelDescription: String {
        let blas = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let loops =
            !LMNCalculator.vectorKernelsAvailable
            ? "portable Swift SIMD loops"
            : LMNCalculator.wideKernelsAvailable
                ? "AVX-512 segment kernel" : "AVX2+FMA segment kernel"
        return "\(loops), OpenBLAS \(blas) sgemm/dgemm"
    }

    /// Tail `Linear(hidden→hidden) + SiLU → Linear(hidden→classes)` with PyTorch-style init
    /// U(±1/√fan_in), probes `SiLU(U(±2.5))`.
    static func network(probes: Int, hidden: Int, classes: Int, seed: UInt64) -> (NetworkTail, [Double]) {
        var generator = SplitMix64(seed: seed)  // the engine's; the same stream as before
        func uniform(_ count: Int, _ bound: Double) -> [Double] {
            (0..<count).map { _ in (Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1) * bound }
        }
        let bound = 1 / Double(hidden).squareRoot()
        let tail = NetworkTail(layers: [
            TailLayer(
                weights: uniform(hidden * hidden, bound), bias: uniform(hidden, bound), inputs: hidden, outputs: hidden,
                activation: .silu),
            TailLayer(
                weights: uniform(classes * hidden, bound), bias: uniform(classes, bound), inputs: hidden,
                outputs: classes, activation: nil),
        ])
        return (tail, uniform(probes * hidden, 2.5).map { Activation.silu.apply($0) })
    }

    /// Tail `Linear(hidden→hidden) + SiLU → Linear(hidden→classes)` with PyTorch-style init
    /// U(±1/√fan_in), probes `SiLU(U(±2.5))` (`network`); one warm-up evaluation, then `repetitions` timed
    /// ones.
    public static func run(
        probes: Int = 128, hidden: Int = 100, classes: Int = 31, repetitions: Int = 7, threads: Int = 1,
        pairsPerBlock: Int? = nil, seed: UInt64 = 1, kernel: Kernel = .auto
    ) throws -> Measurement {
        let (tail, representations) = network(probes: probes, hidden: hidden, classes: classes, seed: seed)
        let calculator = try LMNCalculator(probeCount: probes, threads: threads, pairsPerBlock: pairsPerBlock)
        calculator.usesVectorKernels = kernel != .portable
        calculator.usesWideKernels = kernel == .auto
        var value = try calculator.evaluate(tail: tail, hidden: representations).value
        var seconds = [Double]()
        var cpu = [Double]()
        for _ in 0..<max(repetitions, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = TrainingBenchmark.cpuSeconds()
            value = try calculator.evaluate(tail: tail, hidden: representations).value
            cpu.append(TrainingBenchmark.cpuSeconds() - cpuStart)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        seconds.sort()
        cpu.sort()
        return Measurement(
            probes: probes, hidden: hidden, classes: classes, threads: threads, repetitions: seconds.count,
            medianSeconds: seconds[seconds.count / 2], minimumSeconds: seconds[0], medianCPUSeconds: cpu[cpu.count / 2],
            value: value,
            blasCore: openblas_get_corename().map { String(cString: $0) } ?? "unknown",
            blasThreads: Int(openblas_get_num_threads()))
    }
}
