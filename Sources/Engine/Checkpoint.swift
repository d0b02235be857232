import Foundation

/// Trainer state in a safetensors file, enough to resume bit for bit.
///
/// Tensors (all F32, row-major): the parameters under their `MLPParameters` slot names
/// (`embedding.weight` [vocabulary, emb], `layers.<k>.weight` [out, in], `layers.<k>.bias` [out]),
/// and AdamW's moments as `optimizer.exp_avg.<name>` and `optimizer.exp_avg_sq.<name>`.
/// `__metadata__`: `format` = `grokscope-checkpoint/1`, `step` (AdamW updates applied), `rng_state`
/// (SplitMix64 state, decimal), `config` (the `TrainingConfiguration` as JSON), `task` (title).
/// The data split is not stored: it is re-derived from the seed in `config`.
public enum Checkpoint {
    public static let format = "grokscope-checkpoint/1"

    /// Writes the trainer's state atomically to `path`.
    public static func save(_ trainer: Trainer, to path: String) throws {
        try file(for: trainer).write(to: path)
    }

    /// The safetensors contents for `trainer` (exposed for tests and tools).
    public static func file(for trainer: Trainer) throws -> SafetensorsFile {
        var tensors: [String: SafetensorsFile.Tensor] = [:]
        let parameters = trainer.model.parameters
        for slot in parameters.slots {
            tensors[slot.name] = .init(shape: slot.shape, values: parameters.tensor(slot))
            tensors["optimizer.exp_avg.\(slot.name)"] = .init(
                shape: slot.shape, values: trainer.optimizer.firstMoment.tensor(slot))
            tensors["optimizer.exp_avg_sq.\(slot.name)"] = .init(
                shape: slot.shape, values: trainer.optimizer.secondMoment.tensor(slot))
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

    /// Rebuilds a trainer from checkpoint contents; `path` only labels errors.
    public static func trainer(from file: SafetensorsFile, path: String = "<memory>", steps: Int? = nil) throws
        -> Trainer
    {
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

        var splitGenerator = SplitMix64(seed: configuration.seed)
        let dataset = try Dataset(
            task: configuration.task, trainFraction: configuration.trainFraction, generator: &splitGenerator)
        let shape = configuration.modelShape
        var parameters = MLPParameters(zerosFor: shape)
        var optimizer = AdamW(options: configuration.optimizer, shape: shape)
        for slot in parameters.slots {
            for (name, target) in [
                (slot.name, 0), ("optimizer.exp_avg.\(slot.name)", 1), ("optimizer.exp_avg_sq.\(slot.name)", 2),
            ] {
                guard let tensor = file.tensors[name] else { throw invalid("tensor '\(name)' is missing") }
                guard tensor.shape == slot.shape else {
                    throw invalid(
                        "tensor '\(name)' has shape \(tensor.shape), the configured model needs \(slot.shape)")
                }
                switch target {
                case 0: parameters.values.replaceSubrange(slot.range, with: tensor.values)
                case 1: optimizer.firstMoment.values.replaceSubrange(slot.range, with: tensor.values)
                default: optimizer.secondMoment.values.replaceSubrange(slot.range, with: tensor.values)
                }
            }
        }
        optimizer.step = step
        return Trainer(
            configuration: configuration, dataset: dataset, model: MLP(parameters: parameters), optimizer: optimizer,
            generator: SplitMix64(seed: state))
    }
}
