/// One worker's buffers for a block of pairs: the interior points of every segment through each
/// layer (rows = 19 per pair), and the per-output moments.
final class LMNWorkspace {
    static let interior = LMN.interpolationPoints - 2

    let pairs: Int
    let layerOutputs: [LMNBuffer]  // per layer l: (19·pairs) × strides[l]
    let mean: LMNBuffer
    let squares: LMNBuffer
    let products: LMNBuffer

    init(strides: [Int], pairs: Int) {
        self.pairs = pairs
        layerOutputs = strides.map { LMNBuffer(count: Self.interior * pairs * $0) }
        let outputs = strides[strides.count - 1]
        mean = LMNBuffer(count: outputs)
        squares = LMNBuffer(count: outputs)
        products = LMNBuffer(count: outputs)
    }

    /// Fills `L_ij` (and `L_ji`) for the pairs `range` of the pair list.
    func process(
        pairs list: LMNPairs, range: Range<Int>, prepared: LMNPreparedTail, connectivity: UnsafeMutablePointer<Double>,
        order n: Int
    ) {
        interpolateFirstLayer(pairs: list, range: range, prepared: prepared, into: layerOutputs[0].pointer)
        let outputs = LMNPreparedTail.propagate(
            layerOutputs[0].pointer, rows: Self.interior * range.count, tail: prepared.tail, strides: prepared.strides,
            weights: prepared.laterWeights, scratch: layerOutputs.dropFirst().map(\.pointer))
        for (p, q) in range.enumerated() {
            let i = Int(list.first[q])
            let j = Int(list.second[q])
            let value = meanSquaredCorrelation(
                first: prepared.endpoints.pointer + i * prepared.outputStride,
                last: prepared.endpoints.pointer + j * prepared.outputStride,
                interior: outputs + p * Self.interior * prepared.outputStride, prepared: prepared)
            connectivity[i * n + j] = value
            connectivity[j * n + i] = value
        }
    }

    /// `(1/K) Σ_k r²_k` of one pair from its 21 output rows (ends + 19 interior rows), two-pass moments.
    private func meanSquaredCorrelation(
        first: UnsafePointer<Double>, last: UnsafePointer<Double>, interior: UnsafePointer<Double>,
        prepared: LMNPreparedTail
    ) -> Double {
        let k = prepared.outputCount
        let stride = prepared.outputStride
        let mean = self.mean.pointer
        let squares = self.squares.pointer
        let products = self.products.pointer
        for o in 0..<k { mean[o] = first[o] + last[o] }
        for t in 0..<Self.interior {
            let row = interior + t * stride
            for o in 0..<k { mean[o] += row[o] }
        }
        let points = Double(LMN.interpolationPoints)
        for o in 0..<k {
            mean[o] /= points
            let a = first[o] - mean[o]
            let b = last[o] - mean[o]
            squares[o] = a * a + b * b
            products[o] = 0.5 * (b - a)  // (λ − ½) is −½ at λ = 0 and +½ at λ = 1
        }
        for t in 0..<Self.interior {
            let row = interior + t * stride
            let centeredLambda = Double(t + 1) / 20 - 0.5
            for o in 0..<k {
                let deviation = row[o] - mean[o]
                squares[o] += deviation * deviation
                products[o] += centeredLambda * deviation
            }
        }
        var total = 0.0
        for o in 0..<k {
            total += LMN.squaredCorrelation(
                mean: mean[o] + prepared.outputOffset[o], variance: squares[o] / points, covariance: products[o] / points)
        }
        return total / Double(k)
    }
}
