import Foundation

/// Which loss the trainer minimizes. Accuracy is the argmax either way.
public enum LossKind: String, Codable, CaseIterable, Sendable {
    /// Softmax cross-entropy against the label (the paper's loss).
    case crossEntropy = "cross-entropy"
    /// Mean squared error against the one-hot label, averaged over all N×C entries (PyTorch's
    /// `MSELoss(reduction: "mean")`).
    case meanSquaredError = "mse"
}

/// The loss of one batch, and how many rows the argmax got right.
public struct LossResult: Sendable, Equatable {
    public var loss: Double
    public var correct: Int
    public var rows: Int
    public var accuracy: Double { rows == 0 ? 0 : Double(correct) / Double(rows) }
}

extension LossKind {
    /// Loss of `logits` (N×C) against the examples' labels; when `gradient` is given, it receives
    /// dL/dlogits (N×C). Cross-entropy is stabilized by subtracting each row's maximum before `exp`
    /// (log-sum-exp); the sums behind the loss (Σ exp per row, the mean over rows) are reduced in
    /// `Double` whatever the training precision: near a loss of 1e-7 a `Float` Σ exp ≈ 1 + 1e-7
    /// rounds to a multiple of 2⁻²³ and the logged loss is off by up to ~10%. On the vector path
    /// (float32) cross-entropy, softmax gradient and argmax run fused in one C loop.
    public func evaluate<Scalar: EngineScalar>(
        logits: UnsafePointer<Scalar>, rows: Int, classes: Int, examples: UnsafePointer<Example>,
        gradient: UnsafeMutablePointer<Scalar>?, path: KernelPath = .preferred
    ) -> LossResult {
        if self == .crossEntropy, rows > 0, classes > 0, path.runsVector(Scalar.self) {
            let out = gradient ?? UnsafeMutablePointer<Scalar>.allocate(capacity: rows * classes)
            defer { if gradient == nil { out.deallocate() } }
            let fused = LayerKernels.crossEntropy(
                logits: LayerKernels.float(logits), rows: rows, classes: classes, examples: examples,
                out: LayerKernels.float(out), path: path)
            return LossResult(loss: fused.loss, correct: fused.correct, rows: rows)
        }
        var correct = 0
        for row in 0..<rows {
            let z = logits + row * classes
            var best = 0
            for j in 1..<max(classes, 1) where z[j] > z[best] { best = j }
            if best == Int(examples[row].label) { correct += 1 }
        }
        guard rows > 0 else { return LossResult(loss: 0, correct: 0, rows: 0) }
        switch self {
        case .crossEntropy:
            return LossResult(
                loss: Self.crossEntropy(
                    logits: logits, rows: rows, classes: classes, examples: examples, gradient: gradient),
                correct: correct, rows: rows)
        case .meanSquaredError:
            let scale = 1 / Double(rows * classes)
            var total = 0.0
            for row in 0..<rows {
                let label = Int(examples[row].label)
                for j in 0..<classes {
                    let difference = logits[row * classes + j] - (j == label ? 1 : 0)
                    total += Double(difference) * Double(difference)
                    gradient?[row * classes + j] = Scalar(2 * scale) * difference
                }
            }
            return LossResult(loss: total * scale, correct: correct, rows: rows)
        }
    }

    static func crossEntropy<Scalar: EngineScalar>(
        logits: UnsafePointer<Scalar>, rows: Int, classes: Int, examples: UnsafePointer<Example>,
        gradient: UnsafeMutablePointer<Scalar>?
    ) -> Double {
        // Work in the gradient buffer when there is one (it becomes softmax − onehot), else in scratch.
        let scratch = gradient ?? UnsafeMutablePointer<Scalar>.allocate(capacity: rows * classes)
        defer { if gradient == nil { scratch.deallocate() } }
        var labelShifted = 0.0
        for row in 0..<rows {
            let z = logits + row * classes
            var largest = z[0]
            for j in 1..<classes { largest = max(largest, z[j]) }
            for j in 0..<classes { scratch[row * classes + j] = z[j] - largest }
            // log p_label = shifted_label − log Σ exp(shifted)
            labelShifted += Double(scratch[row * classes + Int(examples[row].label)])
        }
        for i in 0..<(rows * classes) { scratch[i] = Scalar.fastExp(scratch[i]) }
        var total = 0.0
        let inverseRows = 1 / Double(rows)
        for row in 0..<rows {
            let e = scratch + row * classes
            var sum = 0.0
            for j in 0..<classes { sum += Double(e[j]) }
            total += Foundation.log(sum)
            let scale = Scalar(inverseRows / sum)
            for j in 0..<classes { e[j] *= scale }
            e[Int(examples[row].label)] -= Scalar(inverseRows)
        }
        return (total - labelShifted) * inverseRows
    }

    /// Array convenience: the loss and dL/dlogits.
    public func evaluate<Scalar: EngineScalar>(
        logits: [Scalar], classes: Int, examples: [Example], path: KernelPath = .preferred
    ) -> (result: LossResult, gradient: [Scalar]) {
        precondition(logits.count == examples.count * classes)
        var gradient = [Scalar](repeating: 0, count: logits.count)
        let result = logits.withUnsafeBufferPointer { z in
            examples.withUnsafeBufferPointer { e in
                gradient.withUnsafeMutableBufferPointer { g in
                    evaluate(
                        logits: z.baseAddress!, rows: examples.count, classes: classes, examples: e.baseAddress!,
                        gradient: g.baseAddress!, path: path)
                }
            }
        }
        return (result, gradient)
    }
}
