import Engine
import Foundation
import Testing

/// The C loops of the loss, AdamW and the embedding against their Swift twins, and the whole
/// network's gradients on both paths (vector = AVX2 C for Float; Double always runs the Swift loops).
@Suite("Fused loss, optimizer and embedding kernels")
struct FusedLossOptimizerTests {
    static func examples(_ rows: Int, classes: Int, vocabulary: Int) -> [Example] {
        (0..<rows).map { Example(a: ($0 * 7) % vocabulary, b: ($0 * 3 + 1) % vocabulary, label: ($0 * 5) % classes) }
    }

    // Only the paths this CPU has (an AVX2-only machine runs the AVX2 case; #require would fail it).
    @Test(arguments: [KernelPath.avx2, .avx512].filter(\.isAvailable))
    func crossEntropyVectorMatchesTheSwiftLoopOnOddClassCounts(_ path: KernelPath) throws {
        var generator = SplitMix64(seed: 31)
        for classes in [1, 2, 7, 8, 9, 15, 16, 17, 31, 33] {
            let rows = 11
            let examples = Self.examples(rows, classes: classes, vocabulary: 5)
            var logits: [Float] = (0..<(rows * classes)).map { _ in Float(generator.nextUniform(-8, 8)) }
            // A tie at the maximum on the label and the class after it: the first maximum wins.
            let label = 5 % classes
            if label + 1 < classes {
                logits[classes + label] = 20
                logits[classes + label + 1] = 20
            }
            let vector = LossKind.crossEntropy.evaluate(
                logits: logits, classes: classes, examples: examples, path: path)
            let portable = LossKind.crossEntropy.evaluate(
                logits: logits, classes: classes, examples: examples, path: .portable)
            #expect(vector.result.correct == portable.result.correct, "\(classes) classes")
            #expect(abs(vector.result.loss - portable.result.loss) <= 1e-6 * max(1, portable.result.loss))
            for (v, p) in zip(vector.gradient, portable.gradient) {
                #expect(abs(v - p) <= 1e-6 * max(abs(p), 1e-3), "\(classes) classes")
            }
            // Negative control: the gradient of other labels differs.
            let other = examples.map { Example(a: Int($0.a), b: Int($0.b), label: (Int($0.label) + 1) % classes) }
            if classes > 1 {
                #expect(
                    LossKind.crossEntropy.evaluate(logits: logits, classes: classes, examples: other, path: path)
                        .gradient != vector.gradient)
            }
        }
    }

    @Test func crossEntropyNaNLogitsGiveANaNLossOnBothPaths() {
        let examples = Self.examples(2, classes: 9, vocabulary: 5)
        var logits = [Float](repeating: 0.5, count: 18)
        logits[3] = .nan
        for path in KernelPath.allCases {
            let result = LossKind.crossEntropy.evaluate(logits: logits, classes: 9, examples: examples, path: path)
            #expect(result.result.loss.isNaN, "\(path)")
        }
        let clean = LossKind.crossEntropy.evaluate(
            logits: [Float](repeating: 0.5, count: 18), classes: 9, examples: examples, path: .avx2)
        #expect(abs(clean.result.loss - Foundation.log(9)) < 1e-6, "uniform logits give log(classes)")
    }

    func adamW<S: EngineScalar>(_: S.Type, path: KernelPath, steps: Int) -> [S] {
        var generator = SplitMix64(seed: 32)
        let shape = ModelShape(vocabulary: 5, embeddingDimension: 3, hiddenWidths: [7], classes: 5, activation: .silu)
        var parameters = MLPParametersOf<S>(initializing: shape, initScale: 1, generator: &generator)
        var optimizer = AdamWOf<S>(options: AdamWOptions(learningRate: 1e-2, weightDecay: 0.5), shape: shape)
        for _ in 0..<steps {
            var gradients = MLPParametersOf<S>(zerosFor: shape)
            for i in gradients.values.indices { gradients.values[i] = S(generator.nextUniform(-1, 1)) }
            optimizer.update(&parameters, gradients: gradients, path: path)
        }
        return parameters.values
    }

    @Test func adamWVectorIsBitIdenticalToTheSwiftLoop() {
        // 5·3 + 7·6 + 7 + 5·7 + 5 = 104 values: 13 vectors, no tail; the shape below adds one.
        #expect(adamW(Float.self, path: .avx2, steps: 5) == adamW(Float.self, path: .portable, steps: 5))
        #expect(adamW(Double.self, path: .avx2, steps: 5) == adamW(Double.self, path: .portable, steps: 5))
        #expect(adamW(Float.self, path: .avx2, steps: 5) != adamW(Float.self, path: .avx2, steps: 4))
    }

    @Test func embeddingGatherAndScatterAgreeOnBothPaths() {
        var generator = SplitMix64(seed: 33)
        for dimension in [1, 3, 8, 11, 32] {
            let embedding = Embedding(vocabulary: 4, dimension: dimension)
            var examples = Self.examples(9, classes: 3, vocabulary: 4)
            examples.append(Example(a: 2, b: 2, label: 0))  // a == b adds both halves to one row
            let table: [Float] = (0..<(4 * dimension)).map { _ in Float(generator.nextUniform(-1, 1)) }
            let gradient: [Float] = (0..<(examples.count * 2 * dimension)).map { _ in
                Float(generator.nextUniform(-1, 1))
            }
            #expect(
                embedding.forward(examples, table: table, path: .avx2)
                    == embedding.forward(examples, table: table, path: .portable))
            #expect(
                embedding.backward(examples, outputGradient: gradient, path: .avx2)
                    == embedding.backward(examples, outputGradient: gradient, path: .portable), "dimension \(dimension)"
            )
        }
    }

    static func smallModel<S: EngineScalar>(_: S.Type) -> (MLPOf<S>, [Example]) {
        var generator = SplitMix64(seed: 34)
        // Widths 13 and 9, 7 classes, embedding 5: every kernel runs full vectors and tails. 14 rows
        // ≥ 2·6 token rows: the embedding gradient goes through token sums.
        let shape = ModelShape(
            vocabulary: 6, embeddingDimension: 5, hiddenWidths: [13, 9], classes: 7, activation: .silu)
        return (
            MLPOf<S>(shape: shape, initScale: 1, generator: &generator), Self.examples(14, classes: 7, vocabulary: 6)
        )
    }

    @Test(arguments: KernelPath.allCases)
    func mlpGradientsMatchCentralDifferencesOnOddWidths(_ path: KernelPath) {
        let (model, examples) = Self.smallModel(Float.self)
        let analytic = model.gradients(for: examples, loss: .crossEntropy, path: path).gradients.values
        let numerical = GradientChecker.numericalGradient(of: model, on: examples) {
            $0.gradients(for: examples, loss: .crossEntropy, path: path).result.loss
        }
        #expect(GradientChecker.disagreement(analytic, numerical) == nil)
    }

    /// The token-table first layer under the other activations (their backward reads z, not y and σ).
    @Test(arguments: [Activation.tanh, .gelu])
    func tokenTableGradientsMatchCentralDifferences(_ activation: Activation) {
        var generator = SplitMix64(seed: 36)
        let shape = ModelShape(
            vocabulary: 4, embeddingDimension: 3, hiddenWidths: [9], classes: 5, activation: activation)
        let model = MLP(shape: shape, initScale: 1, generator: &generator)
        let examples = Self.examples(12, classes: 5, vocabulary: 4)
        #expect(shape.embedding.tokenSumsPay(rows: examples.count))
        let analytic = model.gradients(for: examples, loss: .crossEntropy).gradients.values
        let numerical = GradientChecker.numericalGradient(of: model, on: examples)
        #expect(GradientChecker.disagreement(analytic, numerical) == nil)
    }

    /// The token-table first layer against the plain one: x·Wᵀ, dzᵀ·x and the scattered dz·W.
    @Test(arguments: KernelPath.allCases)
    func tokenTablesEqualThePlainFirstLayer(_ path: KernelPath) {
        let (model, examples) = Self.smallModel(Float.self)
        let shape = model.shape
        let embedding = shape.embedding
        #expect(embedding.tokenSumsPay(rows: examples.count) && !embedding.tokenSumsPay(rows: 11))
        let rows = examples.count
        let width = shape.hiddenWidths[0]
        let inputs = 2 * shape.embeddingDimension
        let tokenRows = 2 * shape.vocabulary
        var generator = SplitMix64(seed: 35)
        let dz: [Float] = (0..<(rows * width)).map { _ in Float(generator.nextUniform(-1, 1)) }
        let weight = model.parameters.tensor(model.parameters.weightSlot(layer: 0))
        let table = model.parameters.tensor(model.parameters.embeddingSlot)
        // Plain: x = the embedding rows; x·Wᵀ, dzᵀ·x, and dx = dz·W scattered into the table.
        let x = embedding.forward(examples, table: table, path: .portable)
        let plainForward = MatrixMultiply.product(
            x, weight, m: rows, n: width, k: inputs, transposeB: true, naive: true)
        let plainWeightGradient = MatrixMultiply.product(
            dz, x, m: width, n: inputs, k: rows, transposeA: true, naive: true)
        let dx = MatrixMultiply.product(dz, weight, m: rows, n: inputs, k: width, naive: true)
        let plainTableGradient = embedding.backward(examples, outputGradient: dx, path: .portable)
        // By tokens.
        var tokenInputs = [Float](repeating: .nan, count: tokenRows * inputs)
        var sums = [Float](repeating: .nan, count: tokenRows * width)
        var products = [Float](repeating: .nan, count: tokenRows * inputs)
        var forward = [Float](repeating: .nan, count: rows * width)
        var tableGradient = [Float](repeating: 0, count: table.count)
        examples.withUnsafeBufferPointer { e in
            table.withUnsafeBufferPointer { embedding.tokenInputs(table: $0.baseAddress!, into: &tokenInputs) }
            let tokenOutputs = MatrixMultiply.product(
                tokenInputs, weight, m: tokenRows, n: width, k: inputs, transposeB: true)
            tokenOutputs.withUnsafeBufferPointer { t in
                embedding.tokenRows(
                    t.baseAddress!, width: width, examples: e.baseAddress!, rows: rows, into: &forward, path: path)
            }
            dz.withUnsafeBufferPointer { d in
                embedding.tokenSums(
                    d.baseAddress!, width: width, examples: e.baseAddress!, rows: rows, into: &sums, path: path)
            }
            weight.withUnsafeBufferPointer { w in
                embedding.tableGradient(
                    sums: sums, width: width, weight: w.baseAddress!, products: &products, into: &tableGradient)
            }
        }
        let tokenWeightGradient = MatrixMultiply.product(
            sums, tokenInputs, m: width, n: inputs, k: tokenRows, transposeA: true)
        for (t, r) in zip(forward, plainForward) { #expect(abs(t - r) <= 1e-5, "forward, \(path)") }
        for (t, r) in zip(tokenWeightGradient, plainWeightGradient) { #expect(abs(t - r) <= 1e-5, "dW, \(path)") }
        for (t, r) in zip(tableGradient, plainTableGradient) { #expect(abs(t - r) <= 1e-5, "dE, \(path)") }
        // Negative control: operands swapped (b's rows read as a's) gives another forward.
        let swapped = examples.map { Example(a: Int($0.b), b: Int($0.a), label: Int($0.label)) }
        let swappedForward = MatrixMultiply.product(
            embedding.forward(swapped, table: table, path: .portable), weight, m: rows, n: width, k: inputs,
            transposeB: true, naive: true)
        #expect(!zip(forward, swappedForward).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test func mlpGradientsOfBothPathsAgreeInBothPrecisions() {
        let (model, examples) = Self.smallModel(Float.self)
        let vector = model.gradients(for: examples, loss: .crossEntropy, path: .avx2)
        let portable = model.gradients(for: examples, loss: .crossEntropy, path: .portable)
        #expect(abs(vector.result.loss - portable.result.loss) < 1e-6)
        for (v, p) in zip(vector.gradients.values, portable.gradients.values) { #expect(abs(v - p) <= 1e-6) }
        let wide = model.gradients(for: examples, loss: .crossEntropy, path: .avx512)
        for (w, p) in zip(wide.gradients.values, portable.gradients.values) { #expect(abs(w - p) <= 1e-6) }
        let (model64, _) = Self.smallModel(Double.self)
        let result64 = model64.gradients(for: examples, loss: .crossEntropy, path: .avx2)
        let reference64 = model64.gradients(for: examples, loss: .crossEntropy, path: .portable)
        #expect(result64.gradients.values == reference64.gradients.values, "float64 runs the Swift loops on both")
        for (v, d) in zip(vector.gradients.values, result64.gradients.values) { #expect(abs(Double(v) - d) <= 1e-5) }
    }
}
