import ArgumentParser
import Engine
import Foundation
import Runner
import Snapshots

/// The training recipe and cadence of `run`/`train`: a preset, then any overrides.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Preset (default: demo).")
    var preset: TrainingPreset?

    // MARK: Task
    @Option(help: "Task (quadratic is a²+ab+b²).")
    var task: TaskKind?
    @Option(
        name: [.customShort("p"), .long], parsing: .unconditional,
        help: "Modulus p for the modular tasks (prime for divide).")
    var modulus: Int?
    @Option(parsing: .unconditional, help: "Fraction of all pairs used for training, in (0, 1).")
    var trainFraction: Double?

    // MARK: Model
    @Option(parsing: .unconditional, help: "Embedding width per operand.")
    var embeddingDim: Int?
    @Option(help: "Hidden widths, comma-separated (e.g. 100,100).")
    var hidden: String?
    @Option(help: "Activation.")
    var activation: Activation?
    @Option(parsing: .unconditional, help: "Initialization scale α (multiplies every initial parameter).")
    var initScale: Double?

    // MARK: Optimizer
    @Option(parsing: .unconditional, help: "AdamW learning rate.") var lr: Double?
    @Option(parsing: .unconditional, help: "AdamW decoupled weight decay.") var weightDecay: Double?
    @Option(parsing: .unconditional, help: "AdamW β1.") var beta1: Double?
    @Option(parsing: .unconditional, help: "AdamW β2.") var beta2: Double?
    @Option(parsing: .unconditional, help: "AdamW ε.") var eps: Double?
    @Option(parsing: .unconditional, help: "Mini-batch size (default: full batch).") var batchSize: Int?
    @Option(help: "Training arithmetic: f32 (default) or f64 (slower; no float32 slingshot spikes).")
    var precision: Precision?

    // MARK: Run
    @Option(parsing: .unconditional, help: "Training steps.") var steps: Int?
    @Option(parsing: .unconditional, help: "Random seed (data split, initialization, probe set).") var seed: UInt64?
    @Option(parsing: .unconditional, help: "Evaluate every N steps.") var evalEvery = 10
    @Option(parsing: .unconditional, help: "Compute LMN every N steps (0 = off).") var lmnEvery = 100
    @Option(
        parsing: .unconditional,
        help: "LMN probe size N (a fixed seeded subset of all inputs; default: the preset's, 128 or 256 for demo).")
    var lmnProbes: Int?
    @Option(
        parsing: .unconditional, help: "LMN start layer: 1 = output of the first hidden layer (paper), 0 = embeddings.")
    var lmnFrom: Int?
    @Option(parsing: .unconditional, help: "Threads for the LMN computation.") var lmnThreads = 1
    @Option(
        parsing: .unconditional,
        help:
            "OpenBLAS threads for training (default chosen from the CPU: 1 with AVX-512, else 2; docs/performance.md).")
    var threads = BLASRuntime.recommendedThreads
    @Option(help: "Write each LMN connectivity matrix as CSV into this directory.")
    var dumpLmnMatrix: String?
    @Flag(help: "Compute LMN by its definition, all in float64 (slow: for cross-checks; docs/lmn.md).")
    var lmnExact = false
    @Option(help: "Run name shown in the dashboard and the stream header.") var name: String?

    func validate() throws {
        if let hidden, parseWidths(hidden) == nil {
            throw ValidationError("--hidden '\(hidden)' is not a list of positive widths; use e.g. 100,100")
        }
        for (option, value) in [
            ("steps", steps), ("modulus", modulus), ("embedding-dim", embeddingDim), ("batch-size", batchSize),
        ] {
            if let value, value < 0 { throw ValidationError("--\(option) is \(value); it must be positive") }
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
        var c = (preset ?? .demo).configuration
        if let task { c.task = TaskSpec(task, modulus: modulus ?? c.task.modulus) }
        if let modulus { c.task.modulus = modulus }
        if let trainFraction { c.trainFraction = trainFraction }
        if let embeddingDim { c.embeddingDimension = embeddingDim }
        if let hidden, let widths = parseWidths(hidden) { c.hiddenWidths = widths }
        if let activation { c.activation = activation }
        if let initScale { c.initScale = initScale }
        if let lr { c.optimizer.learningRate = lr }
        if let weightDecay { c.optimizer.weightDecay = weightDecay }
        if let beta1 { c.optimizer.beta1 = beta1 }
        if let beta2 { c.optimizer.beta2 = beta2 }
        if let eps { c.optimizer.epsilon = eps }
        if let batchSize { c.batchSize = batchSize }
        if let precision { c.precision = precision }
        if let steps { c.steps = steps }
        if let seed { c.seed = seed }
        if let lmnFrom { c.lmnFrom = lmnFrom }
        if let modulus, !c.task.kind.usesModulus {
            // S4 and XOR have a fixed size: a silently ignored -p would mislabel the run.
            throw UsageError(
                "-p/--modulus \(modulus) does not apply to the task '\(c.task.kind.rawValue)' (its size is fixed); "
                    + "drop -p or choose a modular task such as --task add")
        }
        try c.validate()
        return c
    }

    var presetOrDefault: String { (preset ?? .demo).rawValue }

    var runName: String { name ?? presetOrDefault }

    /// The preset recorded in the header: the one given, else the continued log's, else the preset
    /// whose recipe the checkpoint has (a resumed paper-add run stays paper-add), else "custom".
    func presetName(resumedFrom previous: RunHeader?, checkpoint saved: TrainingConfiguration?) -> String {
        if let preset { return preset.rawValue }
        if let logged = previous?.settings["preset"]?.raw { return logged }
        guard let saved else { return presetOrDefault }
        return TrainingPreset.allCases.first { Self.sameRecipe($0.configuration, saved) }?.rawValue ?? "custom"
    }

    /// Equal recipes apart from the step count and seed (which a run may change).
    static func sameRecipe(_ a: TrainingConfiguration, _ b: TrainingConfiguration) -> Bool {
        var a = a
        a.steps = b.steps
        a.seed = b.seed
        return a == b
    }

    /// Recipe options given with `--resume` that the checkpoint overrides, as warnings.
    func ignoredWithResume(_ saved: TrainingConfiguration) -> [String] {
        var differing: [String] = []
        func check(_ option: String, given: Bool, _ mine: String, _ theirs: String) {
            if given, mine != theirs { differing.append("--\(option) \(mine) (the checkpoint has \(theirs))") }
        }
        if let preset {
            if !Self.sameRecipe(preset.configuration, saved) {
                differing.append("--preset \(preset.rawValue) (the checkpoint's recipe differs from it)")
            }
        }
        check("task", given: task != nil, task?.rawValue ?? "", saved.task.kind.rawValue)
        check("modulus", given: modulus != nil, "\(modulus ?? 0)", "\(saved.task.modulus)")
        check("train-fraction", given: trainFraction != nil, "\(trainFraction ?? 0)", "\(saved.trainFraction)")
        check("embedding-dim", given: embeddingDim != nil, "\(embeddingDim ?? 0)", "\(saved.embeddingDimension)")
        check(
            "hidden", given: hidden != nil, (hidden.flatMap(parseWidths) ?? []).map(String.init).joined(separator: ","),
            saved.hiddenWidths.map(String.init).joined(separator: ","))
        check("activation", given: activation != nil, activation?.rawValue ?? "", saved.activation.rawValue)
        check("init-scale", given: initScale != nil, "\(initScale ?? 0)", "\(saved.initScale)")
        check("lr", given: lr != nil, "\(lr ?? 0)", "\(saved.optimizer.learningRate)")
        check("weight-decay", given: weightDecay != nil, "\(weightDecay ?? 0)", "\(saved.optimizer.weightDecay)")
        check("batch-size", given: batchSize != nil, "\(batchSize ?? 0)", saved.batchSize.map { "\($0)" } ?? "full")
        check("seed", given: seed != nil, "\(seed ?? 0)", "\(saved.seed)")
        guard !differing.isEmpty else { return [] }
        return ["--resume continues the checkpoint's recipe; ignored: " + differing.joined(separator: ", ")]
    }

    /// LMN probe size: `--lmn-probes`, else the preset's.
    var probeCount: Int { lmnProbes ?? (preset ?? .demo).lmnProbes }
}

// The engine's enums as typed options: argument-parser lists their values in --help and names the
// option and the valid values when one is wrong.
extension TrainingPreset: ExpressibleByArgument {}
extension TaskKind: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension Precision: ExpressibleByArgument {}
