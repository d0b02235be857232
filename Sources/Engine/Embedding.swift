/// Token embeddings for the two operands, concatenated: row i of the output is
/// `concat(E[a_i], E[b_i])`. One table is shared by both operands (as in the paper's setup and our
/// reference check); concatenation, not a sum, keeps (a, b) and (b, a) apart.
///
/// Shapes: table E vocabulary×dimension; output N×(2·dimension).
public struct Embedding: Sendable, Equatable {
    public let vocabulary: Int
    public let dimension: Int

    public init(vocabulary: Int, dimension: Int) {
        self.vocabulary = vocabulary
        self.dimension = dimension
    }

    /// Width of one output row: both operands' embeddings side by side.
    public var outputWidth: Int { 2 * dimension }

    /// out (N×2d) = concat(E[a], E[b]) row by row.
    @inlinable
    public func forward<Scalar: EngineScalar>(
        _ examples: UnsafePointer<Example>, rows: Int, table: UnsafePointer<Scalar>,
        into out: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        if path.runsVector(Scalar.self) {
            LayerKernels.embeddingGather(
                table: LayerKernels.float(table), dimension: dimension, examples: examples, rows: rows,
                into: LayerKernels.float(out))
            return
        }
        for row in 0..<rows {
            let example = examples[row]
            let destination = out + row * outputWidth
            destination.update(from: table + Int(example.a) * dimension, count: dimension)
            (destination + dimension).update(from: table + Int(example.b) * dimension, count: dimension)
        }
    }

    /// Scatter-adds the output gradient (N×2d) into the table gradient (vocabulary×d).
    @inlinable
    public func backward<Scalar: EngineScalar>(
        _ examples: UnsafePointer<Example>, rows: Int, outputGradient dOut: UnsafePointer<Scalar>,
        tableGradient: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        if path.runsVector(Scalar.self) {
            LayerKernels.embeddingScatter(
                gradient: LayerKernels.float(dOut), dimension: dimension, examples: examples, rows: rows,
                into: LayerKernels.float(tableGradient))
            return
        }
        for row in 0..<rows {
            let example = examples[row]
            let source = dOut + row * outputWidth
            let aRow = tableGradient + Int(example.a) * dimension
            let bRow = tableGradient + Int(example.b) * dimension
            for j in 0..<dimension { aRow[j] += source[j] }
            for j in 0..<dimension { bRow[j] += source[dimension + j] }
        }
    }

    /// Array convenience for `forward`.
    public func forward<Scalar: EngineScalar>(
        _ examples: [Example], table: [Scalar], path: KernelPath = .preferred
    ) -> [Scalar] {
        precondition(table.count == vocabulary * dimension)
        var out = [Scalar](repeating: 0, count: examples.count * outputWidth)
        examples.withUnsafeBufferPointer { e in
            table.withUnsafeBufferPointer { t in
                out.withUnsafeMutableBufferPointer { o in
                    guard let ep = e.baseAddress, let op = o.baseAddress else { return }
                    forward(ep, rows: examples.count, table: t.baseAddress!, into: op, path: path)
                }
            }
        }
        return out
    }

    /// Array convenience for `backward`: the table gradient, starting from zero.
    public func backward<Scalar: EngineScalar>(
        _ examples: [Example], outputGradient dOut: [Scalar], path: KernelPath = .preferred
    ) -> [Scalar] {
        precondition(dOut.count == examples.count * outputWidth)
        var gradient = [Scalar](repeating: 0, count: vocabulary * dimension)
        examples.withUnsafeBufferPointer { e in
            dOut.withUnsafeBufferPointer { d in
                gradient.withUnsafeMutableBufferPointer { g in
                    guard let ep = e.baseAddress, let dp = d.baseAddress else { return }
                    backward(ep, rows: examples.count, outputGradient: dp, tableGradient: g.baseAddress!, path: path)
                }
            }
        }
        return gradient
    }
}
