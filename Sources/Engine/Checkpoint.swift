import Foundation

/// Trainer state in a safetensors file, enough to resume bit for bit.
///
/// Tensors (row-major, F32 or F64 after the run's `precision`): the parameters under their `MLPParameters` slot names
/// (`embedding.weight` [vocabulary, emb], `layers.<k>.weight` [out, in], `layers.<k>.bias` [out]),
/// and AdamW's moments as `optimizer.exp_avg.<name>` and `optimizer.exp_avg_sq.<name>`.
/// `__metadata__`: `format` = `grokscope-checkpoint/1`, `step` (AdamW updates applied), `rng_state`
/// (SplitMix64 state, decimal), `config` (the `TrainingConfiguration` as JSON), `task` (title).
/// The data split is not stored: it is re-derived from the seed in `config`. A checkpoint resumes
/// only in its own precision (`config.precision`, the tensors' dtype); a mismatch is refused.
public enum Checkpoint {
    public static let format = "grokscope-checkpoint/1"

    /// Writes the trainer's state atomically to `path`.
    public static func save<Scalar: EngineScalar>(_ trainer: TrainerOf<Scalar>, to path: String) throws {
        try file(for: trainer).write(to: path)
    }

    /// Writes a trainer of either precision.
    public static func save(_ trainer: AnyTrainer, to path: String) throws {
        switch trainer {
        case .f32(let t): try save(t, to: path)
        case .f64(let t): try save(t, to: path)
        }
    }

    /// The safetensors contents for `trainer` (exposed for tests and tools).
    public static func file<Scalar: EngineScalar>(for trainer: TrainerOf<Scalar>) throws -> SafetensorsFile {
        var tensors: [String: SafetensorsFile.Tensor] = [:]
        let parameters = trainer.model.parameters
        for slot in parameters.slots {
            tensors[slot.name] = .init(shape: slot.shape, scalars: parameters.tensor(slot))
            tensors["optimizer.exp_avg.\(slot.name)"] = .init(
                shape: slot.shape, scalars: trainer.optimizer.firstMoment.tensor(slot))
            tensors["optimizer.exp_avg_sq.\(slot.name)"] = .init(
                shape: slot.shape, scalars: trainer.optimizer.secondMoment.tensor(slot))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let config = String(decoding: try encoder.encode(trainer.configuration), as: UTF8.self)
        return SafetensorsFile(
            tensors: tensors,
            metadata: [
                "format": format, "step": "\(trainer.step)", "rng_state": "\(trainer.generator.state)",
                "config": config, "task": trainer.configuration.task.title,
            ])
    }

    /// Reads a checkpoint and rebuilds a trainer that continues exactly where the saved one stopped.
    /// `steps`, when given, replaces the saved target step count (train further than planned).
    public static func load(from path: String, steps: Int? = nil) throws -> Trainer {
        try trainer(from: try SafetensorsFile.read(from: path), path: path, steps: steps)
    }

    /// Reads a checkpoint of either precision. `precision`, when given (the user asked for one
    /// explicitly), must match the checkpoint's, else the load is refused with the fix.
    public static func loadAny(from path: String, steps: Int? = nil, precision: Precision? = nil) throws -> AnyTrainer {
        let file = try SafetensorsFile.read(from: path)
        let saved = savedPrecision(of: file)
        if let precision, precision != saved {
            throw SafetensorsError(
                path: path,
                problem: "was trained in \(saved.rawValue) but --precision \(precision.rawValue) was asked for",
                fix: "Resume with --precision \(saved.rawValue) (or leave --precision out), or start a fresh run.")
        }
        switch saved {
        case .f32: return .f32(try trainer(from: file, path: path, steps: steps, as: Float.self))
        case .f64: return .f64(try trainer(from: file, path: path, steps: steps, as: Double.self))
        }
    }

    /// The precision a checkpoint was trained in (its config; F32 when the config predates the field).
    public static func savedPrecision(of file: SafetensorsFile) -> Precision {
        file.metadata["config"].flatMap {
            try? JSONDecoder().decode(TrainingConfiguration.self, from: Data($0.utf8)).precision
        } ?? .f32
    }

    /// Rebuilds a float32 trainer from checkpoint contents; `path` only labels errors.
    public static func trainer(from file: SafetensorsFile, path: String = "<memory>", steps: Int? = nil) throws
        -> Trainer
    {
        try trainer(from: file, path: path, steps: steps, as: Float.self)
    }

    /// Rebuilds a trainer in `Scalar` (refused unless the checkpoint was trained in that precision).
    public static func trainer<Scalar: EngineScalar>(
        from file: SafetensorsFile, path: String = "<memory>", steps: Int? = nil, as _: Scalar.Type
    ) throws -> TrainerOf<Scalar> {
        func invalid(_ problem: String) -> SafetensorsError {
            SafetensorsError(
                path: path, problem: problem,
                fix: "This is not a grokscope checkpoint of a compatible version; start a fresh run.")
        }
        guard file.metadata["format"] == format else {
            throw invalid(
                "metadata format is \(file.metadata["format"].map { "'\($0)'" } ?? "missing"), expected '\(format)'")
        }
        guard let step = file.metadata["step"].flatMap(Int.init), step >= 0 else {
            throw invalid("metadata 'step' is missing or not a count")
        }
        guard step <= MemoryBudget.maxSteps else {
            throw invalid("metadata 'step' is \(step), beyond the limit of 2^53 steps (docs/limits.md)")
        }
        guard let state = file.metadata["rng_state"].flatMap(UInt64.init) else {
            throw invalid("metadata 'rng_state' is missing or not a UInt64")
        }
        guard let configText = file.metadata["config"],
            let saved = try? JSONDecoder().decode(TrainingConfiguration.self, from: Data(configText.utf8))
        else { throw invalid("metadata 'config' is missing or not a training configuration") }
        var configuration = saved
        if let steps { configuration.steps = steps }
        try configuration.validate()
        guard configuration.precision == Scalar.precision else {
            throw SafetensorsError(
                path: path,
                problem: "was trained in \(configuration.precision.rawValue), not \(Scalar.precision.rawValue)",
                fix: "Resume it with --precision \(configuration.precision.rawValue), or start a fresh run.")
        }

        var splitGenerator = SplitMix64(seed: configuration.seed)
        let dataset = try Dataset(
            task: configuration.task, trainFraction: configuration.trainFraction, generator: &splitGenerator)
        let shape = configuration.modelShape
        var parameters = MLPParametersOf<Scalar>(zerosFor: shape)
        var optimizer = AdamWOf<Scalar>(options: configuration.optimizer, shape: shape)
        for slot in parameters.slots {
            for (name, target) in [
                (slot.name, 0), ("optimizer.exp_avg.\(slot.name)", 1), ("optimizer.exp_avg_sq.\(slot.name)", 2),
            ] {
                guard let tensor = file.tensors[name] else { throw invalid("tensor '\(name)' is missing") }
                guard tensor.shape == slot.shape else {
                    throw invalid(
                        "tensor '\(name)' has shape \(tensor.shape), the configured model needs \(slot.shape)")
                }
                guard let values = tensor.values(as: Scalar.self) else {
                    throw invalid(
                        "tensor '\(name)' has dtype \(tensor.dtype.dtype), the config's precision needs \(Scalar.precision.dtype)"
                    )
                }
                switch target {
                case 0: parameters.values.replaceSubrange(slot.range, with: values)
                case 1: optimizer.firstMoment.values.replaceSubrange(slot.range, with: values)
                default: optimizer.secondMoment.values.replaceSubrange(slot.range, with: values)
                }
            }
        }
        optimizer.step = step
        return TrainerOf<Scalar>(
            configuration: configuration, dataset: dataset, model: MLPOf<Scalar>(parameters: parameters),
            optimizer: optimizer, generator: SplitMix64(seed: state))
    }
}
