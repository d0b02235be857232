import Engine
import Metrics
import TestSupport
import Testing

@Suite("Loss, accuracy and L2 norms")
struct BasicMetricsTests {
    static let shape = ModelShape(
        vocabulary: 3, embeddingDimension: 2, hiddenWidths: [2], classes: 3, activation: .relu)

    @Test func normsCoverEveryParameterAndNameTheLayers() {
        var parameters = MLPParameters(zerosFor: Self.shape)
        // embedding 3×2, layers.0 weight 2×4 + bias 2, out weight 3×2 + bias 3.
        parameters.values[parameters.embeddingSlot.offset] = 3
        parameters.values[parameters.biasSlot(layer: 0).offset] = 4
        parameters.values[parameters.weightSlot(layer: 1).offset] = 12
        parameters.values[parameters.biasSlot(layer: 1).offset + 2] = 0
        let norms = ParameterNorms(parameters)
        #expect(norms.layers.map(\.name) == ["embedding", "layers.0", "out"])
        #expect(norms.layers.map(\.norm) == [3, 4, 12])
        #expect(isApproximatelyEqual(norms.total, 13))  // sqrt(9 + 16 + 144)
    }

    @Test func splitEvaluationMatchesTheModel() throws {
        var configuration = TrainingConfiguration()
        configuration.task = TaskSpec(.add, modulus: 7)
        configuration.hiddenWidths = [16]
        configuration.embeddingDimension = 8
        configuration.optimizer.learningRate = 1e-2
        let trainer = try Trainer(configuration: configuration)
        for _ in 0..<300 { trainer.trainStep() }
        let evaluation = SplitEvaluation(model: trainer.model, dataset: trainer.dataset, loss: .crossEntropy)
        let train = trainer.model.evaluate(trainer.dataset.train, loss: .crossEntropy)
        #expect(evaluation.trainLoss == train.loss)
        #expect(evaluation.trainAccuracy == 1.0, "300 steps at lr 1e-2 memorize 39 examples")
        #expect(evaluation.testLoss > evaluation.trainLoss)
        #expect((0...1).contains(evaluation.testAccuracy))
        let reused = SplitEvaluator(dataset: trainer.dataset, shape: trainer.model.shape, loss: .crossEntropy)
        #expect(reused.evaluate(trainer.model) == evaluation)
        #expect(reused.evaluate(trainer.model) == evaluation, "a reused workspace gives the same figures")
    }

    @Test func crossEntropyOfUniformLogitsIsLogClasses() {
        let examples = [Example(a: 0, b: 0, label: 1), Example(a: 0, b: 0, label: 4)]
        let (result, _) = LossKind.crossEntropy.evaluate(
            logits: [Float](repeating: 0.5, count: 10), classes: 5, examples: examples)
        #expect(isApproximatelyEqual(result.loss, 1.6094379124341003, absolute: 1e-6))  // ln 5
    }
}
