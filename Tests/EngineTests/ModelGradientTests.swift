import Engine
import Testing

@Suite("Whole-network gradients")
struct ModelGradientTests {
    static func smallModel(_ activation: Activation) -> (MLP, [Example]) {
        var generator = SplitMix64(seed: 6)
        let shape = ModelShape(
            vocabulary: 5, embeddingDimension: 3, hiddenWidths: [4, 4], classes: 5, activation: activation)
        let model = MLP(shape: shape, initScale: 1, generator: &generator)
        let examples = (0..<7).map { Example(a: $0 % 5, b: ($0 * 3) % 5, label: ($0 * 2) % 5) }
        return (model, examples)
    }

    @Test(arguments: [Activation.silu, .tanh, .gelu])
    func mlpGradientMatchesCentralDifferences(_ activation: Activation) {
        let (model, examples) = Self.smallModel(activation)
        let analytic = model.gradients(for: examples, loss: .crossEntropy).gradients.values
        let numerical = GradientChecker.numericalGradient(of: model, on: examples)
        #expect(GradientChecker.disagreement(analytic, numerical) == nil)
    }

    @Test func checkerFlagsAGradientMissingTheEmbeddingPart() {
        // Negative control: a backward pass that forgot to scatter into the embedding table.
        let (model, examples) = Self.smallModel(.silu)
        var wrong = model.gradients(for: examples, loss: .crossEntropy).gradients.values
        for i in model.parameters.embeddingSlot.range { wrong[i] = 0 }
        let numerical = GradientChecker.numericalGradient(of: model, on: examples)
        #expect(!GradientChecker.agrees(wrong, numerical))
    }
}
