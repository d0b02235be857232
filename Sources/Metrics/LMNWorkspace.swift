/// One worker's buffers for a block of pairs: the interior points of every segment through each
/// layer (rows = 19 per pair), and the per-output moments.
final class LMNWorkspace {
    static let interior = LMN.interpolationPoints - 2

    let pairs: Int
    let layerOutputs: [LMNBuffer]  // per layer l: (19·pairs) × strides[l]
    /// λ_t = t/20 and λ_t − ½ for t = 0…20 (a table: converting and dividing in the loops costs more).
    let lambdas: LMNBuffer
    let centeredLambdas: LMNBuffer

    init(strides: [Int], pairs: Int) {
        self.pairs = pairs
        layerOutputs = strides.map { LMNBuffer(count: Self.interior * pairs * $0) }
        lambdas = LMNBuffer(count: LMN.interpolationPoints)
        centeredLambdas = LMNBuffer(count: LMN.interpolationPoints)
        for (t, lambda) in LMN.lambdas.enumerated() {
            lambdas.pointer[t] = lambda
            centeredLambdas.pointer[t] = lambda - 0.5
        }
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
        let points = Double(LMN.interpolationPoints)
        let centeredLambdas = self.centeredLambdas.pointer
        // The rule of `LMN.squaredCorrelation(mean:variance:covariance:)`, in lanes and multiplied
        // through by 21: r² = P² / (Q · 21·var_λ); constant when Q ≤ tol² (21·m² + Q).
        let lambdaScale = points * LMN.lambdaVariance
        let tolerance = LMN.constantCurveTolerance * LMN.constantCurveTolerance
        var total = Lanes()
        for offset in Swift.stride(from: 0, to: k, by: Lanes.scalarCount) {
            let a = load(first + offset)
            let b = load(last + offset)
            var sum = a + b
            for t in 0..<Self.interior { sum += load(interior + t * stride + offset) }
            let mean = sum / points
            let da = a - mean
            let db = b - mean
            var squares = da * da + db * db
            var products = 0.5 * (db - da)  // (λ − ½) is −½ at λ = 0 and +½ at λ = 1
            for t in 0..<Self.interior {
                let deviation = load(interior + t * stride + offset) - mean
                squares += deviation * deviation
                products += centeredLambdas[t + 1] * deviation
            }
            let fullMean = mean + load(prepared.outputOffset.pointer + offset)
            let isConstant = squares .<= tolerance * (points * fullMean * fullMean + squares)
            // r² ≥ 0 by construction; Cauchy–Schwarz caps it at 1 up to rounding; 0/0 is constant.
            var r2 = products * products / (squares * lambdaScale)
            r2.replace(with: 1, where: isConstant .| (r2 .> 1))
            total += r2 * load(prepared.outputMask.pointer + offset)  // drops the padding lanes
        }
        return total.sum() / Double(k)
    }
}
