import Engine

/// Loss and accuracy of a model on the train and test splits of its dataset.
public struct SplitEvaluation: Sendable, Equatable {
    public var trainLoss: Double
    public var testLoss: Double
    /// Fraction in [0, 1].
    public var trainAccuracy: Double
    /// Fraction in [0, 1].
    public var testAccuracy: Double

    public init(trainLoss: Double, testLoss: Double, trainAccuracy: Double, testAccuracy: Double) {
        self.trainLoss = trainLoss
        self.testLoss = testLoss
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
    }

    /// Evaluates `model` on both splits with the run's loss (no gradients, no state change).
    public init(model: MLP, dataset: Dataset, loss: LossKind) {
        let train = model.evaluate(dataset.train, loss: loss)
        let test = model.evaluate(dataset.test, loss: loss)
        self.init(
            trainLoss: train.loss, testLoss: test.loss, trainAccuracy: train.accuracy, testAccuracy: test.accuracy)
    }
}

/// Evaluates a training run's model on its splits again and again, reusing one workspace (a fresh
/// workspace per evaluation costs more than the forward pass itself). Not thread-safe.
public final class SplitEvaluator {
    public let dataset: Dataset
    public let loss: LossKind
    private let workspace: MLPWorkspace

    public init(dataset: Dataset, shape: ModelShape, loss: LossKind) {
        self.dataset = dataset
        self.loss = loss
        self.workspace = MLPWorkspace(shape: shape, capacity: max(dataset.train.count, dataset.test.count))
    }

    public func evaluate(_ model: MLP) -> SplitEvaluation {
        let train = model.evaluate(dataset.train, loss: loss, workspace: workspace)
        let test = model.evaluate(dataset.test, loss: loss, workspace: workspace)
        return SplitEvaluation(
            trainLoss: train.loss, testLoss: test.loss, trainAccuracy: train.accuracy, testAccuracy: test.accuracy)
    }
}
