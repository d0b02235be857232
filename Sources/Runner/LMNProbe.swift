import Engine
import Foundation
import Metrics

/// The LMN measurement of a run: a fixed, seeded probe set drawn from all task inputs (train and test),
/// the network tail from `lmnFrom` to the logits, and one reusable fast calculator. Call it with the
/// model at an LMN step; it returns nil (and remembers why) when LMN cannot be computed, e.g. after
/// the network overflowed.
public final class LMNProbe {
    public let probes: ProbeSet
    public let startLayer: Int
    /// Writes each step's connectivity matrix `L` as CSV here (`--dump-lmn-matrix`).
    public let dumpDirectory: String?
    public private(set) var lastError: String?
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
    public func measure(_ model: MLP, step: Int) -> Double? {
        do {
            let hidden = try model.hiddenOutputs(layer: startLayer, inputs: examples)
            let tail = NetworkTail(layers: try model.tailLayers(from: startLayer))
            let result = try calculator.evaluate(tail: tail, hidden: hidden)
            if let dumpDirectory {
                let path = (dumpDirectory as NSString).appendingPathComponent("lmn-step-\(step).csv")
                try result.connectivityCSV().write(toFile: path, atomically: true, encoding: .utf8)
            }
            lastError = nil
            return result.value
        } catch {
            lastError = "\(error)"
            return nil
        }
    }
}
