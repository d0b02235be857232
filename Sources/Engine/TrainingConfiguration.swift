/// Everything that defines a training run; with the seed it determines the run bit for bit.
/// Defaults are the paper's setup (docs/presets.md) on (a+b) mod 31.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    public var task = TaskSpec(.add, modulus: 31)
    public var trainFraction = 0.8
    public var embeddingDimension = 32
    public var hiddenWidths = [100, 100]
    public var activation = Activation.silu
    /// α: every initial parameter is multiplied by it.
    public var initScale = 1.0
    public var loss = LossKind.crossEntropy
    public var optimizer = AdamWOptions()
    public var steps = 20_000
    /// Rows per step; `nil` (or ≥ the train set) means full batch. Mini-batches drop the last partial one.
    public var batchSize: Int?
    public var seed: UInt64 = 0
    /// First layer of the LMN sub-network: 1 = output of the first hidden layer (paper), 0 = embeddings.
    public var lmnFrom = 1
    /// Training arithmetic: float32 (default) or float64 (`--precision`).
    public var precision = Precision.f32

    public init() {}

    public var modelShape: ModelShape {
        ModelShape(
            vocabulary: task.vocabulary, embeddingDimension: embeddingDimension, hiddenWidths: hiddenWidths,
            classes: task.classes, activation: activation)
    }

    /// Throws a `ConfigurationError` for the first option the engine cannot use.
    public func validate() throws {
        try task.validate()
        guard trainFraction > 0, trainFraction < 1 else {
            throw ConfigurationError(
                option: "train-fraction", problem: "is \(trainFraction); it must lie strictly between 0 and 1",
                fix: "use e.g. 0.8 (80% train, 20% test)")
        }
        guard embeddingDimension >= 1 else {
            throw ConfigurationError(
                option: "embedding-dim", problem: "is \(embeddingDimension)", fix: "use a positive width such as 32")
        }
        guard !hiddenWidths.isEmpty, hiddenWidths.allSatisfy({ $0 >= 1 }) else {
            throw ConfigurationError(
                option: "hidden", problem: "is \(hiddenWidths); at least one hidden layer of positive width is needed",
                fix: "use e.g. 100,100")
        }
        guard initScale > 0, initScale.isFinite else {
            throw ConfigurationError(
                option: "init-scale", problem: "is \(initScale)", fix: "use a positive α such as 1")
        }
        try optimizer.validate()
        guard steps >= 0 else {
            throw ConfigurationError(option: "steps", problem: "is \(steps)", fix: "use a number of steps ≥ 0")
        }
        if let batchSize, batchSize < 1 {
            throw ConfigurationError(
                option: "batch-size", problem: "is \(batchSize)",
                fix: "use a positive batch size, or omit it for full batch")
        }
        guard (0...hiddenWidths.count).contains(lmnFrom) else {
            throw ConfigurationError(
                option: "lmn-from", problem: "is \(lmnFrom); this network has layers 0…\(hiddenWidths.count)",
                fix: "use 1 (output of the first hidden layer, the paper's choice) or 0 (the embeddings)")
        }
        try MemoryBudget.check(self)
    }

    /// Settings as strings for a run header (`task`, `model`, `optimizer`, …).
    public var settingsSummary: [String: String] {
        let o = optimizer
        return [
            "task": task.title,
            "model": modelShape.summary,
            "init_scale": "\(initScale)",
            "optimizer":
                "AdamW lr \(o.learningRate) wd \(o.weightDecay) betas (\(o.beta1), \(o.beta2)) eps \(o.epsilon)",
            "loss": loss.rawValue,
            "train_fraction": "\(trainFraction)",
            "batch": batchSize.map { "\($0)" } ?? "full",
            "steps": "\(steps)",
            "lmn_from": "\(lmnFrom)",
            "precision": precision.rawValue,
        ]
    }
}

extension TrainingConfiguration {
    /// Decodes every field; `precision` may be absent (checkpoints written before it existed are f32).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        task = try c.decode(TaskSpec.self, forKey: .task)
        trainFraction = try c.decode(Double.self, forKey: .trainFraction)
        embeddingDimension = try c.decode(Int.self, forKey: .embeddingDimension)
        hiddenWidths = try c.decode([Int].self, forKey: .hiddenWidths)
        activation = try c.decode(Activation.self, forKey: .activation)
        initScale = try c.decode(Double.self, forKey: .initScale)
        loss = try c.decode(LossKind.self, forKey: .loss)
        optimizer = try c.decode(AdamWOptions.self, forKey: .optimizer)
        steps = try c.decode(Int.self, forKey: .steps)
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize)
        seed = try c.decode(UInt64.self, forKey: .seed)
        lmnFrom = try c.decode(Int.self, forKey: .lmnFrom)
        precision = try c.decodeIfPresent(Precision.self, forKey: .precision) ?? .f32
    }
}
