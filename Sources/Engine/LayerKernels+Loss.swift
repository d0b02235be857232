import EngineKernels

/// The C entry points of the loss, the optimizer and the embedding (their Swift twins are the
/// loops in `Losses.swift`, `AdamW.swift` and `Embedding.swift`, which call these on the vector path).
extension LayerKernels {
    /// Offsets of `Example`'s fields and its stride, in Int32 units, for the C kernels' index arrays.
    @usableFromInline
    static let exampleStride = MemoryLayout<Example>.stride / MemoryLayout<Int32>.stride

    @inlinable
    static func field(_ examples: UnsafePointer<Example>, _ key: KeyPath<Example, Int32>) -> UnsafePointer<Int32> {
        (UnsafeRawPointer(examples) + MemoryLayout<Example>.offset(of: key)!).assumingMemoryBound(to: Int32.self)
    }

    /// Softmax cross-entropy in C: the loss, and `correct` (first-maximum argmax); `out` receives
    /// dL/dlogits. Float only; callers check `path.runsVector`.
    @inlinable
    static func crossEntropy(
        logits: UnsafePointer<Float>, rows: Int, classes: Int, examples: UnsafePointer<Example>,
        out: UnsafeMutablePointer<Float>, path: KernelPath
    ) -> (loss: Double, correct: Int) {
        var correct = 0
        let loss = (path.runsAVX512(Float.self) ? ek_cross_entropy_f32_avx512 : ek_cross_entropy_f32)(
            logits, rows, classes, field(examples, \.label), exampleStride, out, &correct)
        return (loss, correct)
    }

    @inlinable
    static func embeddingGather(
        table: UnsafePointer<Float>, dimension: Int, examples: UnsafePointer<Example>, rows: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        ek_embedding_gather_f32(
            table, dimension, field(examples, \.a), field(examples, \.b), exampleStride, rows, out)
    }

    @inlinable
    static func embeddingScatter(
        gradient: UnsafePointer<Float>, dimension: Int, examples: UnsafePointer<Example>, rows: Int,
        into tableGradient: UnsafeMutablePointer<Float>
    ) {
        ek_embedding_scatter_f32(
            gradient, dimension, field(examples, \.a), field(examples, \.b), exampleStride, rows, tableGradient)
    }
}
