import ArgumentParser
import Engine
import Foundation
import Runner

/// The training recipe and cadence of `run`/`train`: a preset, then any overrides.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Preset: \(TrainingPreset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset = "demo"

    // MARK: Task
    @Option(help: "Task: add, subtract, multiply, divide, quadratic (a²+ab+b²), s4, xor.")
    var task: String?
    @Option(name: [.customShort("p"), .long], help: "Modulus p for the modular tasks (prime for divide).")
    var modulus: Int?
    @Option(help: "Fraction of all pairs used for training, in (0, 1).")
    var trainFraction: Double?

    // MARK: Model
    @Option(help: "Embedding width per operand.")
    var embeddingDim: Int?
    @Option(help: "Hidden widths, comma-separated (e.g. 100,100).")
    var hidden: String?
    @Option(help: "Activation: silu, relu, gelu, tanh.")
    var activation: String?
    @Option(help: "Initialization scale α (multiplies every initial parameter).")
    var initScale: Double?

    // MARK: Optimizer
    @Option(help: "AdamW learning rate.") var lr: Double?
    @Option(help: "AdamW decoupled weight decay.") var weightDecay: Double?
    @Option(help: "AdamW β1.") var beta1: Double?
    @Option(help: "AdamW β2.") var beta2: Double?
    @Option(help: "AdamW ε.") var eps: Double?
    @Option(help: "Mini-batch size (default: full batch).") var batchSize: Int?
    @Option(help: "Training arithmetic: f32 (default) or f64 (slower; no float32 slingshot spikes).")
    var precision: String?

    // MARK: Run
    @Option(help: "Training steps.") var steps: Int?
    @Option(help: "Random seed (data split, initialization, probe set).") var seed: UInt64?
    @Option(help: "Evaluate every N steps.") var evalEvery = 10
    @Option(help: "Compute LMN every N steps (0 = off).") var lmnEvery = 100
    @Option(help: "LMN probe size N (a fixed seeded subset of all inputs; default: the preset's, 128 or 256 for demo).")
    var lmnProbes: Int?
    @Option(help: "LMN start layer: 1 = output of the first hidden layer (paper), 0 = embeddings.")
    var lmnFrom: Int?
    @Option(help: "Threads for the LMN computation.") var lmnThreads = 1
    @Option(help: "OpenBLAS threads for training (1 is fastest on small nets; see README).")
    var threads = BLASRuntime.recommendedThreads
    @Option(help: "Write each LMN connectivity matrix as CSV into this directory.")
    var dumpLmnMatrix: String?
    @Option(help: "Run name shown in the dashboard and the stream header.") var name: String?

    func validate() throws {
        guard (try? TrainingPreset.named(preset)) != nil else {
            throw ValidationError(
                "--preset '\(preset)' is unknown; use one of \(TrainingPreset.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let task, TaskKind(rawValue: task) == nil {
            throw ValidationError(
                "--task '\(task)' is unknown; use one of \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let activation, Activation(rawValue: activation) == nil {
            throw ValidationError("--activation '\(activation)' is unknown; use silu, relu, gelu or tanh")
        }
        if let precision, Precision(rawValue: precision) == nil {
            throw ValidationError("--precision '\(precision)' is unknown; use f32 or f64")
        }
        if let hidden, parseWidths(hidden) == nil {
            throw ValidationError("--hidden '\(hidden)' is not a list of positive widths; use e.g. 100,100")
        }
        guard evalEvery >= 1 else { throw ValidationError("--eval-every must be at least 1") }
        guard lmnEvery >= 0 else { throw ValidationError("--lmn-every must be 0 (off) or positive") }
        if let lmnProbes, lmnProbes < 2 { throw ValidationError("--lmn-probes must be at least 2") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64") }
        guard (1...64).contains(lmnThreads) else { throw ValidationError("--lmn-threads must be between 1 and 64") }
    }

    func parseWidths(_ text: String) -> [Int]? {
        let widths = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return widths.compactMap { $0 }
    }

    /// The preset with every override applied (validated by the engine).
    func trainingConfiguration() throws -> TrainingConfiguration {
        var c = try TrainingPreset.named(preset).configuration
        if let task { c.task = TaskSpec(TaskKind(rawValue: task)!, modulus: modulus ?? c.task.modulus) }
        if let modulus { c.task.modulus = modulus }
        if let trainFraction { c.trainFraction = trainFraction }
        if let embeddingDim { c.embeddingDimension = embeddingDim }
        if let hidden, let widths = parseWidths(hidden) { c.hiddenWidths = widths }
        if let activation { c.activation = Activation(rawValue: activation)! }
        if let initScale { c.initScale = initScale }
        if let lr { c.optimizer.learningRate = lr }
        if let weightDecay { c.optimizer.weightDecay = weightDecay }
        if let beta1 { c.optimizer.beta1 = beta1 }
        if let beta2 { c.optimizer.beta2 = beta2 }
        if let eps { c.optimizer.epsilon = eps }
        if let batchSize { c.batchSize = batchSize }
        if let precision { c.precision = Precision(rawValue: precision)! }
        if let steps { c.steps = steps }
        if let seed { c.seed = seed }
        if let lmnFrom { c.lmnFrom = lmnFrom }
        try c.validate()
        return c
    }

    var runName: String { name ?? preset }

    /// LMN probe size: `--lmn-probes`, else the preset's.
    var probeCount: Int { lmnProbes ?? (try? TrainingPreset.named(preset))?.lmnProbes ?? 128 }
}
