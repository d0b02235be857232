import CBLAS
import Dispatch
import Engine

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
        /// The LMN computed (so the work cannot be optimized away, and as a sanity value).
        public var value: Double
        /// OpenBLAS's kernel (`openblas_get_corename`), e.g. "SkylakeX" or the slow "Prescott".
        public var blasCore: String
        /// OpenBLAS's own thread count while measuring.
        public var blasThreads: Int
    }

    /// Tail `Linear(hidden→hidden) + SiLU → Linear(hidden→classes)` with PyTorch-style init
    /// U(±1/√fan_in), probes `SiLU(U(±2.5))`; one warm-up evaluation, then `repetitions` timed ones.
    public static func run(
        probes: Int = 128, hidden: Int = 100, classes: Int = 31, repetitions: Int = 7, threads: Int = 1,
        pairsPerBlock: Int? = nil, seed: UInt64 = 1
    ) throws -> Measurement {
        var generator = ProbeSetGenerator(seed: seed)
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
        let representations = uniform(probes * hidden, 2.5).map { Activation.silu.apply($0) }
        let calculator = try LMNCalculator(probeCount: probes, threads: threads, pairsPerBlock: pairsPerBlock)
        var value = try calculator.evaluate(tail: tail, hidden: representations).value
        var seconds = [Double]()
        for _ in 0..<max(repetitions, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            value = try calculator.evaluate(tail: tail, hidden: representations).value
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        seconds.sort()
        return Measurement(
            probes: probes, hidden: hidden, classes: classes, threads: threads, repetitions: seconds.count,
            medianSeconds: seconds[seconds.count / 2], minimumSeconds: seconds[0], value: value,
            blasCore: openblas_get_corename().map { String(cString: $0) } ?? "unknown",
            blasThreads: Int(openblas_get_num_threads()))
    }
}
