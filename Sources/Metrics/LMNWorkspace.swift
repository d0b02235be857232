/// One worker's buffers for a block of pairs: the interior points of every segment through each
/// layer (rows = 19 per pair), and the per-output moments.
final class LMNWorkspace {
    static let interior = LMN.interpolationPoints - 2

    let pairs: Int
    let layerOutputs: [LMNBuffer]  // per layer l: (19·pairs) × strides[l]
    /// λ_t = t/20 and λ_t − ½ for t = 0…20 (a table: converting and dividing in the loops costs more).
    let lambdas: LMNBuffer
    let centeredLambdas: LMNBuffer
    /// Per-output accumulators of one pair (Σu then ȳ, Σu² then Σ(y − ȳ)², Σ(λ − ½)u).
    let means: LMNBuffer
    let squares: LMNBuffer
    let products: LMNBuffer
    /// Residual path only (`LMNWorkspace+Residual.swift`): ε rows in `Float`, their images, and one
    /// segment chunk of `σ₁` values.
    let residuals: LMNFloatBuffer?
    let residualOutputs: LMNFloatBuffer?
    let segmentScratch = LMNBuffer(count: LMNWorkspace.interior * Lanes.scalarCount)

    /// Use the AVX2 kernels of `LMNKernels` (only when the CPU has them).
    let vectorKernels: Bool
    /// The AVX-512 kernels (else AVX2); only with `vectorKernels`.
    let wideKernels: Bool

    init(strides: [Int], pairs: Int, residual: Bool = false, vectorKernels: Bool = false, wideKernels: Bool = false) {
        self.pairs = pairs
        self.vectorKernels = vectorKernels && LMNCalculator.vectorKernelsAvailable
        self.wideKernels = self.vectorKernels && wideKernels && LMNCalculator.wideKernelsAvailable
        let outputs = strides[strides.count - 1]
        if residual {
            layerOutputs = []
            residuals = LMNFloatBuffer(count: Self.interior * pairs * strides[0])
            residualOutputs = LMNFloatBuffer(count: Self.interior * pairs * outputs)
        } else {
            layerOutputs = strides.map { LMNBuffer(count: Self.interior * pairs * $0) }
            residuals = nil
            residualOutputs = nil
        }
        means = LMNBuffer(count: outputs)
        squares = LMNBuffer(count: outputs)
        products = LMNBuffer(count: outputs)
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
        if prepared.residualWeights != nil {
            processResidual(pairs: list, range: range, prepared: prepared, connectivity: connectivity, order: n)
            return
        }
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

    /// `(1/K) Σ_k r²_k` of one pair from its 21 output rows (ends + 19 interior rows).
    private func meanSquaredCorrelation(
        first: UnsafePointer<Double>, last: UnsafePointer<Double>, interior: UnsafePointer<Double>,
        prepared: LMNPreparedTail
    ) -> Double {
        let k = prepared.outputCount
        let stride = prepared.outputStride
        let points = Double(LMN.interpolationPoints)
        let centeredLambdas = self.centeredLambdas.pointer
        let means = self.means.pointer
        let squares = self.squares.pointer
        let products = self.products.pointer
        let width = (k + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
        // One pass over the 19 interior rows with moments shifted by the λ = 0 value (u = y − y₀):
        // Q = Σu² − (Σu)²/21 loses at most ~log₂(22) bits, since u₀ = 0 bounds ū²/var(u) by ~22.
        // Eight outputs at a time keep the three accumulators in registers (outputStride is a
        // multiple of 8; padding columns are zero).
        for o in Swift.stride(from: 0, to: width, by: 8) {
            let y0 = load8(first + o)
            var sum = load8(last + o) - y0  // λ = 1; u₀ = 0 adds nothing
            var sumOfSquares = sum * sum
            var sumOfProducts = 0.5 * sum  // (λ − ½) = +½ at λ = 1
            var row = interior + o
            for t in 1...Self.interior {
                let u = load8(row) - y0
                sum += u
                sumOfSquares += u * u
                sumOfProducts += centeredLambdas[t] * u
                row += stride
            }
            store8(sumOfSquares - sum * (sum / points), squares + o)
            store8(sumOfProducts, products + o)
            store8(y0 + sum / points, means + o)
        }
        return meanOfSquaredCorrelations(prepared: prepared)
    }

    /// `(1/K) Σ_k r²_k` from the per-output moments in `squares` (Q = Σ(y − ȳ)²), `products`
    /// (P = Σ(λ − ½)y) and `means` (without the left-out last bias).
    func meanOfSquaredCorrelations(prepared: LMNPreparedTail) -> Double {
        let k = prepared.outputCount
        let points = Double(LMN.interpolationPoints)
        let means = self.means.pointer
        let squares = self.squares.pointer
        let products = self.products.pointer
        let width = (k + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
        // The rule of `LMN.squaredCorrelation(mean:variance:covariance:)`, in lanes and multiplied
        // through by 21: r² = P² / (Q · 21·var_λ); constant when Q ≤ tol² (21·m² + Q).
        let lambdaScale = points * LMN.lambdaVariance
        let tolerance = LMN.constantCurveTolerance * LMN.constantCurveTolerance
        var total = Lanes()
        for o in Swift.stride(from: 0, to: width, by: Lanes.scalarCount) {
            var squares = load(squares + o)
            squares.replace(with: 0, where: squares .< 0)  // rounding of the shifted form
            let products = load(products + o)
            let fullMean = load(means + o) + load(prepared.outputOffset.pointer + o)
            let isConstant = squares .<= tolerance * (points * fullMean * fullMean + squares)
            // r² ≥ 0 by construction; Cauchy–Schwarz caps it at 1 up to rounding; 0/0 is constant.
            var r2 = products * products / (squares * lambdaScale)
            r2.replace(with: 1, where: isConstant .| (r2 .> 1))
            // Overflowed curves must surface (as NaN → an error), not pass as "constant".
            let finite = (fullMean * 0 .== 0) .& (squares * 0 .== 0) .& (products * 0 .== 0)
            r2.replace(with: .nan, where: .!finite)
            total += r2 * load(prepared.outputMask.pointer + o)  // drops the padding lanes
        }
        return total.sum() / Double(k)
    }
}

@inline(__always) private func load8(_ pointer: UnsafePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(pointer).load(as: SIMD8<Double>.self)
}

@inline(__always) private func store8(_ value: SIMD8<Double>, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Double>.self)
}
