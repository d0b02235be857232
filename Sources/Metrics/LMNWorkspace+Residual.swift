import CBLAS
import LMNKernels

/// The residual path for two-layer tails with an affine last layer (the paper net; docs/performance.md).
/// Along a segment the hidden activations are `s_t = s₀ + λ_t(s₂₀ − s₀) + ε_t`;
/// the straight part maps exactly to `λ_t·D` with `D = T(h_j) − T(h_i)` (in `Double`), so only the
/// curvature residuals `ε_t` go through the last layer, as one `sgemm`. Single precision there costs
/// accuracy relative to the *curvature* only (which is what makes `r² < 1`), not relative to the
/// logits; the moments are then exact algebra in `Double`:
/// with `e_t = W·ε_t`, `V = Σ(λ − ½)²`:  `P = D·V + Σ(λ − ½)e`,
/// `Q = D²·V + 2D·Σ(λ − ½)e + Σe² − (Σe)²/21`, mean `= y₀ + D/2 + Σe/21`.
extension LMNWorkspace {
    func processResidual(
        pairs list: LMNPairs, range: Range<Int>, prepared: LMNPreparedTail, connectivity: UnsafeMutablePointer<Double>,
        order n: Int
    ) {
        guard let weights = prepared.residualWeights, let residuals, let products = residualOutputs else { return }
        fillResiduals(
            pairs: list, range: range, prepared: prepared, into: residuals.pointer, vectorKernels: vectorKernels)
        let hidden = prepared.tail.layers[1].inputs
        let rows = Self.interior * range.count
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(prepared.outputStride), Int32(hidden),
            1, residuals.pointer, Int32(prepared.firstStride), weights.pointer, Int32(prepared.outputStride), 0,
            products.pointer, Int32(prepared.outputStride))
        for (p, q) in range.enumerated() {
            let i = Int(list.first[q])
            let j = Int(list.second[q])
            if vectorKernels {
                (wideKernels ? lmn_residual_moments_avx512 : lmn_residual_moments_avx2)(
                    prepared.endpoints.pointer + i * prepared.outputStride,
                    prepared.endpoints.pointer + j * prepared.outputStride,
                    products.pointer + p * Self.interior * prepared.outputStride, prepared.outputStride,
                    (prepared.outputCount + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount,
                    squares.pointer, self.products.pointer, means.pointer)
            } else {
                residualMoments(
                    first: prepared.endpoints.pointer + i * prepared.outputStride,
                    last: prepared.endpoints.pointer + j * prepared.outputStride,
                    residuals: products.pointer + p * Self.interior * prepared.outputStride, prepared: prepared)
            }
            let value = meanOfSquaredCorrelations(prepared: prepared)
            connectivity[i * n + j] = value
            connectivity[j * n + i] = value
        }
    }

    /// `ε_t = σ₁(z(λ_t)) − s₀ − λ_t(s₂₀ − s₀)` for t = 1…19 of every pair, rounded to `Float`.
    private func fillResiduals(
        pairs list: LMNPairs, range: Range<Int>, prepared: LMNPreparedTail, into output: UnsafeMutablePointer<Float>,
        vectorKernels: Bool
    ) {
        let stride = prepared.firstStride
        let ends = prepared.firstActivations.pointer
        let lambdas = self.lambdas.pointer
        let scratch = segmentScratch.pointer
        let groups = prepared.groups
        var tanh = false
        if case .geometric(_, let isTanh) = prepared.first { tanh = isTanh }
        prepared.groupIsGeometric.withUnsafeBufferPointer { geometric in
            for (p, q) in range.enumerated() {
                let i = Int(list.first[q])
                let j = Int(list.second[q])
                let rows = output + p * Self.interior * stride
                if vectorKernels {
                    // AVX-512 or AVX2 for the recurrence's lane groups; the loop below does the rest.
                    let kernel = wideKernels ? lmn_segment_rows_avx512 : lmn_segment_rows_avx2
                    let z = prepared.preActivations.pointer
                    let (start, step, inverse) =
                        (prepared.expStart.pointer, prepared.expStep.pointer, prepared.expStepInverse.pointer)
                    kernel(
                        z + i * stride, z + j * stride, start + i * stride, start + j * stride, step + i * stride,
                        step + j * stride, inverse + i * stride, inverse + j * stride, ends + i * stride,
                        ends + j * stride, geometric.baseAddress! + i * groups, geometric.baseAddress! + j * groups,
                        groups, tanh ? 1 : 0, rows, stride)
                }
                // The kernel did every group of two probes on the recurrence (the common case).
                if vectorKernels && prepared.probeIsGeometric[i] && prepared.probeIsGeometric[j] { continue }
                for group in 0..<groups {
                    if vectorKernels && geometric[i * groups + group] && geometric[j * groups + group] { continue }
                    let offset = group * Lanes.scalarCount
                    segment(
                        from: i, to: j, group: group, prepared: prepared, geometric: geometric.baseAddress!,
                        rows: scratch, stride: Lanes.scalarCount)
                    let start = load(ends + i * stride + offset)
                    let span = load(ends + j * stride + offset) - start
                    var row = rows + offset
                    for t in 1...Self.interior {
                        let residual = load(scratch + (t - 1) * Lanes.scalarCount) - start - lambdas[t] * span
                        UnsafeMutableRawPointer(row).storeBytes(of: SIMD4<Float>(residual), as: SIMD4<Float>.self)
                        row += stride
                    }
                }
            }
        }
    }

    /// Fills `squares` (Q), `products` (P) and `means` of one pair from its 19 residual rows.
    private func residualMoments(
        first: UnsafePointer<Double>, last: UnsafePointer<Double>, residuals: UnsafePointer<Float>,
        prepared: LMNPreparedTail
    ) {
        let stride = prepared.outputStride
        let points = Double(LMN.interpolationPoints)
        let spread = points * LMN.lambdaVariance
        let centeredLambdas = self.centeredLambdas.pointer
        let width = (prepared.outputCount + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
        for o in Swift.stride(from: 0, to: width, by: 8) {
            let y0 = UnsafeRawPointer(first + o).load(as: SIMD8<Double>.self)
            let d = UnsafeRawPointer(last + o).load(as: SIMD8<Double>.self) - y0
            var sum = SIMD8<Double>()
            var sumOfSquares = SIMD8<Double>()
            var sumOfProducts = SIMD8<Double>()
            var row = residuals + o
            for t in 1...Self.interior {
                let e = SIMD8<Double>(UnsafeRawPointer(row).load(as: SIMD8<Float>.self))
                sum += e
                sumOfSquares += e * e
                sumOfProducts += centeredLambdas[t] * e
                row += stride
            }
            let covariance = d * spread + sumOfProducts
            let variance = d * d * spread + 2 * d * sumOfProducts + (sumOfSquares - sum * (sum / points))
            UnsafeMutableRawPointer(squares.pointer + o).storeBytes(of: variance, as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(products.pointer + o).storeBytes(of: covariance, as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(means.pointer + o).storeBytes(
                of: y0 + 0.5 * d + sum / points, as: SIMD8<Double>.self)
        }
    }
}
