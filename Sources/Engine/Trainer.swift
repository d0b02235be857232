/// The training loop's state and its four verbs: forward → zeroGradients → backward → update.
/// Model, optimizer and data stay separate values; the trainer only sequences them.
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let dataset: Dataset
    public private(set) var model: MLP
    public private(set) var optimizer: AdamW
    public private(set) var gradients: MLPParameters
    /// The generator after the split and initialization; checkpoints store its state.
    public private(set) var generator: SplitMix64
    /// Loss and accuracy of the last `forward` (on the batch it saw).
    public private(set) var lastBatch: LossResult?

    private let workspace: MLPWorkspace
    private let batchRows: Int
    private var batch: [Example]
    private var batchOrder: BatchOrder?

    /// Number of updates applied so far.
    public var step: Int { optimizer.step }

    /// A fresh run: split the data, then initialize the model, both from `configuration.seed`.
    public convenience init(configuration: TrainingConfiguration) throws {
        try configuration.validate()
        var generator = SplitMix64(seed: configuration.seed)
        let dataset = try Dataset(
            task: configuration.task, trainFraction: configuration.trainFraction, generator: &generator)
        let model = MLP(shape: configuration.modelShape, initScale: configuration.initScale, generator: &generator)
        let optimizer = AdamW(options: configuration.optimizer, shape: configuration.modelShape)
        self.init(
            configuration: configuration, dataset: dataset, model: model, optimizer: optimizer, generator: generator)
    }

    /// Resumes from saved state (see `Checkpoint`); the dataset split is re-derived from the seed.
    init(configuration: TrainingConfiguration, dataset: Dataset, model: MLP, optimizer: AdamW, generator: SplitMix64) {
        self.configuration = configuration
        self.dataset = dataset
        self.model = model
        self.optimizer = optimizer
        self.generator = generator
        self.gradients = MLPParameters(zerosFor: model.shape)
        let trainCount = dataset.train.count
        if let size = configuration.batchSize, size < trainCount {
            batchRows = size
            batchOrder = BatchOrder(seed: configuration.seed, examples: trainCount, batchSize: size)
            batch = Array(dataset.train[..<size])
        } else {
            batchRows = trainCount
            batch = dataset.train
        }
        workspace = MLPWorkspace(shape: model.shape, capacity: batchRows)
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
