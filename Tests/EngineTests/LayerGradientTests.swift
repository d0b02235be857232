import Engine
import Foundation
import Testing

@Suite("Layer gradients by central differences")
struct LayerGradientTests {
    @Test func linearGradientsMatchCentralDifferences() {
        var generator = SplitMix64(seed: 1)
        let layer = Linear(inputs: 5, outputs: 3)
        let rows = 4
        let x = GradientChecker.randomValues(rows * 5, &generator)
        let w = GradientChecker.randomValues(3 * 5, &generator)
        let b = GradientChecker.randomValues(3, &generator)
        let upstream = GradientChecker.randomValues(rows * 3, &generator)
        let analytic = layer.backward(x, rows: rows, weight: w, outputGradient: upstream)

        let dx = GradientChecker.numericalGradient(at: x) {
            GradientChecker.projection(layer.forward($0, rows: rows, weight: w, bias: b), upstream)
        }
        let dw = GradientChecker.numericalGradient(at: w) {
            GradientChecker.projection(layer.forward(x, rows: rows, weight: $0, bias: b), upstream)
        }
        let db = GradientChecker.numericalGradient(at: b) {
            GradientChecker.projection(layer.forward(x, rows: rows, weight: w, bias: $0), upstream)
        }
        #expect(GradientChecker.disagreement(analytic.input, dx) == nil)
        #expect(GradientChecker.disagreement(analytic.weight, dw) == nil)
        #expect(GradientChecker.disagreement(analytic.bias, db) == nil)

        // Negative control: the classic bug of a transposed weight gradient (dyᵀ·x read as x·dyᵀ
        // laid out in×out) must be flagged.
        let transposed: [Float] = (0..<15).map { index in
            let row = index % 3
            let column = index / 3
            return analytic.weight[row * 5 + column]
        }
        #expect(!GradientChecker.agrees(transposed, dw))
    }

    @Test(arguments: Activation.allCases)
    func activationGradientMatchesCentralDifferences(_ activation: Activation) {
        var generator = SplitMix64(seed: 2)
        // Keep clear of ReLU's kink: |z| ≥ 0.1 ≫ h.
        let z = GradientChecker.randomValues(40, &generator, scale: 3).map { abs($0) < 0.1 ? $0 + 0.2 : $0 }
        let upstream = GradientChecker.randomValues(40, &generator)
        let analytic = activation.backward(z, outputGradient: upstream)
        let numerical = GradientChecker.numericalGradient(at: z) {
            GradientChecker.projection(activation.forward($0), upstream)
        }
        #expect(GradientChecker.disagreement(analytic, numerical) == nil)
    }

    @Test func checkerFlagsAWrongSiLUDerivative() {
        // Negative control: σ'(x) taken as the sigmoid alone (forgetting x·s·(1 − s)).
        var generator = SplitMix64(seed: 3)
        let z = GradientChecker.randomValues(40, &generator, scale: 3)
        let upstream = GradientChecker.randomValues(40, &generator)
        let wrong = zip(z, upstream).map { z, g in g / (1 + Foundation.exp(-z)) }
        let numerical = GradientChecker.numericalGradient(at: z) {
            GradientChecker.projection(Activation.silu.forward($0), upstream)
        }
        #expect(!GradientChecker.agrees(wrong, numerical))
    }

    @Test func embeddingGradientMatchesCentralDifferences() {
        var generator = SplitMix64(seed: 4)
        let embedding = Embedding(vocabulary: 5, dimension: 3)
        // Repeated tokens, and a token used as both operands, exercise the scatter-add.
        let examples = [Example(a: 0, b: 1, label: 0), Example(a: 1, b: 1, label: 0), Example(a: 4, b: 0, label: 0)]
        let table = GradientChecker.randomValues(15, &generator)
        let upstream = GradientChecker.randomValues(examples.count * 6, &generator)
        let analytic = embedding.backward(examples, outputGradient: upstream)
        let numerical = GradientChecker.numericalGradient(at: table) {
            GradientChecker.projection(embedding.forward(examples, table: $0), upstream)
        }
        #expect(GradientChecker.disagreement(analytic, numerical) == nil)
        #expect(analytic[9..<12].allSatisfy { $0 == 0 }, "token 3 is unused, its gradient must stay zero")
    }

    @Test(arguments: LossKind.allCases)
    func lossGradientMatchesCentralDifferences(_ loss: LossKind) {
        var generator = SplitMix64(seed: 5)
        let classes = 4
        let examples = [Example(a: 0, b: 0, label: 2), Example(a: 0, b: 0, label: 0), Example(a: 0, b: 0, label: 3)]
        let logits = GradientChecker.randomValues(examples.count * classes, &generator, scale: 2)
        let analytic = loss.evaluate(logits: logits, classes: classes, examples: examples).gradient
        let numerical = GradientChecker.numericalGradient(at: logits) {
            loss.evaluate(logits: $0, classes: classes, examples: examples).result.loss
        }
        #expect(GradientChecker.disagreement(analytic, numerical) == nil)
    }
}
