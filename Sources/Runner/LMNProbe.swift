import Engine
import Foundation
import Metrics

/// The LMN measurement of a run: a fixed, seeded probe set drawn from all task inputs (train and test),
/// the network tail from `lmnFrom` to the logits, and one reusable fast calculator. Call it with the
/// model at an LMN step; the reading says why when LMN cannot be computed (e.g. after the network
/// overflowed) or its matrix could not be dumped.
public final class LMNProbe {
    public let probes: ProbeSet
    public let startLayer: Int
    /// Writes each step's connectivity matrix `L` as CSV here (`--dump-lmn-matrix`).
    public let dumpDirectory: String?
    private let examples: [Example]
    private let calculator: LMNCalculator

    public init(
        dataset: Dataset, count: Int = ProbeSet.defaultCount, seed: UInt64, startLayer: Int = 1, threads: Int = 1,
        dumpDirectory: String? = nil
    ) throws {
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

    /// LMN of `model` now; `step` names the dumped matrix file.
    public func measure(_ model: MLP, step: Int) -> LMNReading {
        let result: LMNResult
        do {
            let hidden = try model.hiddenOutputs(layer: startLayer, inputs: examples)
            let tail = NetworkTail(layers: try model.tailLayers(from: startLayer))
            result = try calculator.evaluate(tail: tail, hidden: hidden)
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
