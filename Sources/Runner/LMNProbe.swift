import Engine
import Foundation
import Metrics

/// The LMN measurement of a run: a fixed, seeded probe set drawn from all task inputs (train and test),
/// the network tail from `lmnFrom` to the logits, and one reusable fast calculator. Call it with the
/// model at an LMN step; the reading says why when LMN cannot be computed (e.g. after the network
/// overflowed) or its matrix could not be dumped. A float64 run is measured on its float64 model
/// (docs/lmn.md).
public final class LMNProbe {
    public let probes: ProbeSet
    public let startLayer: Int
    /// Writes each step's connectivity matrix `L` as CSV here (`--dump-lmn-matrix`).
    public let dumpDirectory: String?
    /// `--lmn-exact`: the definition (`LMN.naive`, all `Double`; ≈ 3 s per evaluation at N = 128)
    /// instead of the fast path, whose paper-net residual product is float32 (≈ 1e-8 relative). For
    /// cross-checks such as python/tests/test_swift.py.
    public let exact: Bool
    private let examples: [Example]
    private let calculator: LMNCalculator

    public init(
        dataset: Dataset, count: Int = ProbeSet.defaultCount, seed: UInt64, startLayer: Int = 1, threads: Int = 1,
        dumpDirectory: String? = nil, exact: Bool = false
    ) throws {
        self.exact = exact
        probes = ProbeSet(count: count, total: dataset.all.count, seed: seed)
        examples = probes.indices.map { dataset.all[$0] }
        self.startLayer = startLayer
        self.dumpDirectory = dumpDirectory
        calculator = try LMNCalculator(
            probeCount: probes.count, threads: threads, keepsMatrix: dumpDirectory != nil)
        if let dumpDirectory {
            try FileManager.default.createDirectory(atPath: dumpDirectory, withIntermediateDirectories: true)
        }
    }

    /// How the probe set was drawn, for the run header (LMN is comparable only at equal N).
    public var headerDescription: String {
        "\(probes.count) of \(probes.total) inputs (train and test), seed \(probes.seed), from layer \(startLayer)"
    }

    /// LMN of the trainer's model in its own precision (a float64 run: hidden outputs and weights in
    /// float64, not a float32 copy); `step` names the dumped matrix file.
    public func measure(_ trainer: AnyTrainer, step: Int) -> LMNReading {
        switch trainer {
        case .f32(let t): measure(t.model, step: step)
        case .f64(let t): measure(t.model, step: step)
        }
    }

    /// LMN of `model` now; `step` names the dumped matrix file.
    public func measure<Scalar: EngineScalar>(_ model: MLPOf<Scalar>, step: Int) -> LMNReading {
        let result: LMNResult
        do {
            let hidden = try model.hiddenOutputs(layer: startLayer, inputs: examples)
            let tail = NetworkTail(layers: try model.tailLayers(from: startLayer))
            result =
                exact
                ? try LMN.naive(tail: tail, hidden: hidden, count: probes.count)
                : try calculator.evaluate(tail: tail, hidden: hidden)
        } catch {
            return LMNReading(value: nil, problem: "LMN not computed: \(error)")
        }
        guard let dumpDirectory else { return LMNReading(value: result.value) }
        let path = (dumpDirectory as NSString).appendingPathComponent("lmn-step-\(step).csv")
        do {
            try result.connectivityCSV().write(toFile: path, atomically: true, encoding: .utf8)
            return LMNReading(value: result.value)
        } catch {
            return LMNReading(
                value: result.value,
                problem: "LMN matrix not written to \(dumpDirectory): \(error.localizedDescription)")
        }
    }
}
