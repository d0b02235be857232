/// The training loop's state and its four verbs: forward → zeroGradients → backward → update.
/// Model, optimizer and data stay separate values; the trainer only sequences them. Generic over the
/// training precision (`Trainer` is the float32 one; `AnyTrainer` picks by `configuration.precision`).
public final class TrainerOf<Scalar: EngineScalar> {
    public let configuration: TrainingConfiguration
    public let dataset: Dataset
    public private(set) var model: MLPOf<Scalar>
    public private(set) var optimizer: AdamWOf<Scalar>
    public private(set) var gradients: MLPParametersOf<Scalar>
    /// The generator after the split and initialization; checkpoints store its state.
    public private(set) var generator: SplitMix64
    /// Loss and accuracy of the last `forward` (on the batch it saw).
    public private(set) var lastBatch: LossResult?

    private let workspace: MLPWorkspaceOf<Scalar>
    /// Sized for the larger split; made at the first `evaluateSplits`.
    private var evaluationWorkspace: MLPWorkspaceOf<Scalar>?
    private let batchRows: Int
    private var batch: [Example]
    private var batchOrder: BatchOrder?

    /// Number of updates applied so far.
    public var step: Int { optimizer.step }

    /// A fresh run: split the data, then initialize the model, both from `configuration.seed`.
    public convenience init(configuration: TrainingConfiguration) throws {
        try configuration.validate()
        try Self.checkPrecision(of: configuration)
        var generator = SplitMix64(seed: configuration.seed)
        let dataset = try Dataset(
            task: configuration.task, trainFraction: configuration.trainFraction, generator: &generator)
        let model = MLPOf<Scalar>(
            shape: configuration.modelShape, initScale: configuration.initScale, generator: &generator)
        let optimizer = AdamWOf<Scalar>(options: configuration.optimizer, shape: configuration.modelShape)
        self.init(
            configuration: configuration, dataset: dataset, model: model, optimizer: optimizer, generator: generator)
    }

    /// Resumes from saved state (see `Checkpoint`); the dataset split is re-derived from the seed.
    init(
        configuration: TrainingConfiguration, dataset: Dataset, model: MLPOf<Scalar>, optimizer: AdamWOf<Scalar>,
        generator: SplitMix64
    ) {
        self.configuration = configuration
        self.dataset = dataset
        self.model = model
        self.optimizer = optimizer
        self.generator = generator
        self.gradients = MLPParametersOf<Scalar>(zerosFor: model.shape)
        let trainCount = dataset.train.count
        if let size = configuration.batchSize, size < trainCount {
            batchRows = size
            batchOrder = BatchOrder(seed: configuration.seed, examples: trainCount, batchSize: size)
            batch = Array(dataset.train[..<size])
        } else {
            batchRows = trainCount
            batch = dataset.train
        }
        workspace = MLPWorkspaceOf<Scalar>(shape: model.shape, capacity: batchRows)
    }

    /// Forward pass and loss on the batch of the coming step; leaves dL/dlogits in the workspace.
    @discardableResult
    public func forward() -> LossResult {
        if batchOrder != nil {
            let indices = batchOrder!.indices(forStep: step)
            for (slot, index) in indices.enumerated() { batch[slot] = dataset.train[index] }
        }
        let result = batch.withUnsafeBufferPointer { examples in
            model.forward(examples.baseAddress!, rows: batchRows, workspace: workspace)
            return configuration.loss.evaluate(
                logits: workspace.logits, rows: batchRows, classes: model.shape.classes,
                examples: examples.baseAddress!, gradient: workspace.logitGradient)
        }
        lastBatch = result
        return result
    }

    public func zeroGradients() {
        gradients.zero()
    }

    /// Accumulates dL/dθ of the last `forward` into `gradients`.
    public func backward() {
        batch.withUnsafeBufferPointer { examples in
            model.backward(examples.baseAddress!, rows: batchRows, workspace: workspace, gradients: &gradients)
        }
    }

    public func update() {
        optimizer.update(&model.parameters, gradients: gradients)
    }

    /// Loss and accuracy of the current model on the train and test splits, in the training
    /// precision, reusing one workspace (a fresh one per evaluation costs more than the forward pass).
    public func evaluateSplits() -> (train: LossResult, test: LossResult) {
        let workspace =
            evaluationWorkspace
            ?? MLPWorkspaceOf<Scalar>(shape: model.shape, capacity: max(dataset.train.count, dataset.test.count))
        evaluationWorkspace = workspace
        return (
            model.evaluate(dataset.train, loss: configuration.loss, workspace: workspace),
            model.evaluate(dataset.test, loss: configuration.loss, workspace: workspace)
        )
    }

    /// Refuses a configuration whose `precision` is not this trainer's scalar type.
    static func checkPrecision(of configuration: TrainingConfiguration) throws {
        guard configuration.precision == Scalar.precision else {
            throw ConfigurationError(
                option: "precision",
                problem:
                    "is \(configuration.precision.rawValue) but this trainer computes in \(Scalar.precision.rawValue)",
                fix: "build the trainer with AnyTrainer(configuration:), which picks the precision")
        }
    }

    /// One full step; returns the batch loss before the update.
    @discardableResult
    public func trainStep() -> LossResult {
        let result = forward()
        zeroGradients()
        backward()
        update()
        return result
    }
}

/// The float32 trainer (the default precision).
public typealias Trainer = TrainerOf<Float>

/// Mini-batch order: each epoch is a fresh permutation drawn from (seed, epoch), so the batch of any
/// step is a pure function of the step and a resumed run sees the same batches.
struct BatchOrder {
    let seed: UInt64
    let examples: Int
    let batchSize: Int
    private var epoch = -1
    private var permutation: [Int] = []

    init(seed: UInt64, examples: Int, batchSize: Int) {
        self.seed = seed
        self.examples = examples
        self.batchSize = batchSize
    }

    var batchesPerEpoch: Int { examples / batchSize }

    mutating func indices(forStep step: Int) -> ArraySlice<Int> {
        let wanted = step / batchesPerEpoch
        if wanted != epoch {
            var generator = SplitMix64(seed: seed ^ (0xD1B5_4A32_D192_ED03 &* UInt64(wanted + 1)))
            permutation = Array(0..<examples)
            generator.shuffle(&permutation)
            epoch = wanted
        }
        let start = (step % batchesPerEpoch) * batchSize
        return permutation[start..<(start + batchSize)]
    }
}
