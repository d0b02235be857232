import Engine
import Metrics
import Testing

/// The model's tail as LMN sees it (`MLP.tailLayers(from:)`, Metrics) agrees with the engine's forward pass.
@Suite struct ModelTailTests {
    func smallConfiguration() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.task = TaskSpec(.add, modulus: 13)
        c.embeddingDimension = 8
        c.hiddenWidths = [16, 16]
        c.seed = 42
        return c
    }

    @Test func linearMappingAccessorsAgreeWithTheForwardPass() throws {
        let trainer = try Trainer(configuration: smallConfiguration())
        for _ in 0..<20 { trainer.trainStep() }
        let model = trainer.model
        let probes = Array(trainer.dataset.all.prefix(5))
        // Re-run the tail in Double from layer-1 outputs; it must reproduce the Float logits.
        let hidden = try model.hiddenOutputs(layer: 1, inputs: probes)
        let tail = try model.tailLayers(from: 1)
        #expect(tail.count == 2 && tail[0].activation == .silu && tail[1].activation == nil)
        #expect(hidden.count == probes.count * 16)
        var current = hidden
        var width = 16
        for layer in tail {
            var next = [Double](repeating: 0, count: probes.count * layer.outputs)
            for row in 0..<probes.count {
                for o in 0..<layer.outputs {
                    var sum = layer.bias[o]
                    for i in 0..<width { sum += layer.weights[o * width + i] * current[row * width + i] }
                    next[row * layer.outputs + o] = layer.activation.map { $0.apply(sum) } ?? sum
                }
            }
            current = next
            width = layer.outputs
        }
        let logits = model.logits(for: probes).map(Double.init)
        #expect(zip(current, logits).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(try model.hiddenOutputs(layer: 0, inputs: probes).count == probes.count * 16)
        #expect(try model.tailLayers(from: 0).count == 3)
        #expect(throws: ConfigurationError.self) { try model.tailLayers(from: 3) }
    }
}
