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
    /// (log-sum-exp); the scalar loss accumulates in `Double`.

    public func evaluate(
        logits: UnsafePointer<Float>, rows: Int, classes: Int, examples: UnsafePointer<Example>,
        gradient: UnsafeMutablePointer<Float>?
    ) -> LossResult {
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
                    gradient?[row * classes + j] = Float(2 * scale) * difference
                }
            }
            return LossResult(loss: total * scale, correct: correct, rows: rows)
        }
    }

    static func crossEntropy(
        logits: UnsafePointer<Float>, rows: Int, classes: Int, examples: UnsafePointer<Example>,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        // Work in the gradient buffer when there is one (it becomes softmax − onehot), else in scratch.
        let scratch = gradient ?? UnsafeMutablePointer<Float>.allocate(capacity: rows * classes)
        defer { if gradient == nil { scratch.deallocate() } }
        for row in 0..<rows {
            let z = logits + row * classes
            var largest = z[0]
            for j in 1..<classes { largest = max(largest, z[j]) }
            for j in 0..<classes { scratch[row * classes + j] = z[j] - largest }
        }
        // shifted logits are kept for the loss: log p_label = shifted_label − log Σ exp(shifted).
        var total = 0.0
        var labelShifted = 0.0
        for row in 0..<rows {
            labelShifted += Double(scratch[row * classes + Int(examples[row].label)])
        }
        VectorExp.exponentiate(scratch, count: rows * classes)
        let inverseRows = 1 / Float(rows)
        for row in 0..<rows {
            let e = scratch + row * classes
            var sum: Float = 0
            for j in 0..<classes { sum += e[j] }
            total += Foundation.log(Double(sum))
            let scale = inverseRows / sum
            for j in 0..<classes { e[j] *= scale }
            e[Int(examples[row].label)] -= inverseRows
        }
        return (total - labelShifted) / Double(rows)
    }

    /// Array convenience: the loss and dL/dlogits.
    public func evaluate(logits: [Float], classes: Int, examples: [Example]) -> (result: LossResult, gradient: [Float])
    {
        precondition(logits.count == examples.count * classes)
        var gradient = [Float](repeating: 0, count: logits.count)
        let result = logits.withUnsafeBufferPointer { z in
            examples.withUnsafeBufferPointer { e in
                gradient.withUnsafeMutableBufferPointer { g in
                    evaluate(
                        logits: z.baseAddress!, rows: examples.count, classes: classes, examples: e.baseAddress!,
                        gradient: g.baseAddress!)
                }
            }
        }
        return (result, gradient)
    }
}
