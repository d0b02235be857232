import CBLAS
import LMNKernels

/// Buffers of the truncated product, one block of pairs.
final class LMNTruncationBuffers {
    let basis: LMNBuffer  // φ_j(t), LMNTruncatedBasis.table()
    let coefficients: LMNFloatBuffer  // pairs × count rows × hiddenStride, compacted in place
    let roots: LMNFloatBuffer  // pairs × hiddenStride: √r per unit
    let bounds: LMNFloatBuffer  // pairs × outputStride: |W|·√r
    let images: LMNFloatBuffer  // W·c_j of the kept pairs
    let squaresUpper: LMNBuffer
    var kept: [Int] = []  // pair offsets in the block, truncated product
    var exact: [Bool] = []  // per pair offset: all 19 rows

    init(pairs: Int, hiddenStride: Int, outputStride: Int) {
        let count = LMNTruncatedBasis.count
        basis = LMNBuffer(count: count * (LMN.interpolationPoints - 2))
        for (index, value) in LMNTruncatedBasis.table().enumerated() { basis.pointer[index] = value }
        coefficients = LMNFloatBuffer(count: pairs * count * hiddenStride)
        roots = LMNFloatBuffer(count: pairs * hiddenStride)
        bounds = LMNFloatBuffer(count: pairs * outputStride)
        images = LMNFloatBuffer(count: pairs * count * outputStride)
        squaresUpper = LMNBuffer(count: outputStride)
        kept.reserveCapacity(pairs)
        exact.reserveCapacity(pairs)
    }
}

/// The residual path with a truncated basis in λ (docs/performance.md, "Truncated basis"). Per block:
/// the projected kernel writes every pair's `count` coefficient rows and the per-unit roots of the
/// dropped energy; one small product gives the bound `b = |W|·√r` per output.
/// Pairs whose bound is surely small push only their coefficient rows through `W`; their `L_ij` is
/// known within the interval between Q = kept part and Q = kept part + b² (r² is non-increasing in
/// Q), and is used when that interval is narrower than the tolerance. Every other pair takes all
/// 19 rows, exactly as `processResidual` does.
extension LMNWorkspace {
    func processTruncated(
        pairs list: LMNPairs, range: Range<Int>, prepared: LMNPreparedTail, connectivity: UnsafeMutablePointer<Double>,
        order n: Int
    ) {
        guard let buffers = truncation, let weights = prepared.residualWeights,
            let absolute = prepared.residualAbsoluteWeights, let residuals, let products = residualOutputs
        else { return }
        let count = LMNTruncatedBasis.count
        let interior = Self.interior
        let hidden = prepared.tail.layers[1].inputs
        let hiddenStride = prepared.firstStride
        let outputStride = prepared.outputStride
        let outputs = prepared.outputCount
        let width = (outputs + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
        let endpoints = prepared.endpoints.pointer
        var tanh = false
        if case .geometric(_, let isTanh) = prepared.first { tanh = isTanh }
        let geometricFirst: Bool
        if case .geometric = prepared.first { geometricFirst = true } else { geometricFirst = false }

        // 1. Segments: projected where every lane group is on the recurrence, else the old way.
        buffers.exact.removeAll(keepingCapacity: true)
        buffers.kept.removeAll(keepingCapacity: true)
        do {
            for (p, q) in range.enumerated() {
                let i = Int(list.first[q])
                let j = Int(list.second[q])
                let projectable = geometricFirst && prepared.probeIsGeometric[i] && prepared.probeIsGeometric[j]
                buffers.exact.append(!projectable)
                guard projectable else { continue }
                let kernel = wideKernels ? lmn_projected_segments_avx512 : lmn_projected_segments_avx2
                let z = prepared.preActivations.pointer
                let (start, step, inverse) =
                    (prepared.expStart.pointer, prepared.expStep.pointer, prepared.expStepInverse.pointer)
                kernel(
                    z + i * hiddenStride, z + j * hiddenStride, start + i * hiddenStride, start + j * hiddenStride,
                    step + i * hiddenStride, step + j * hiddenStride, inverse + i * hiddenStride,
                    inverse + j * hiddenStride, prepared.firstActivations.pointer + i * hiddenStride,
                    prepared.firstActivations.pointer + j * hiddenStride, prepared.tail.layers[0].outputs,
                    tanh ? 1 : 0, buffers.basis.pointer, buffers.coefficients.pointer + p * count * hiddenStride,
                    buffers.roots.pointer + p * hiddenStride, hiddenStride)
            }
        }

        // 2. The bound rows b = |W|·√r (one row per pair); the projected pairs' coefficient rows are
        //    compacted in place (the c-th projected pair's rows move to slot c ≤ p).
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(range.count), Int32(outputStride), Int32(hidden),
            1, buffers.roots.pointer, Int32(hiddenStride), absolute.pointer, Int32(outputStride), 0,
            buffers.bounds.pointer, Int32(outputStride))
        for p in 0..<range.count where !buffers.exact[p] {
            let c = buffers.kept.count
            if c != p {
                (buffers.coefficients.pointer + c * count * hiddenStride).update(
                    from: buffers.coefficients.pointer + p * count * hiddenStride, count: count * hiddenStride)
            }
            buffers.kept.append(p)
        }

        // 3. The kept pairs: `count` rows each through W, then the certified interval.
        if !buffers.kept.isEmpty {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(count * buffers.kept.count), Int32(outputStride),
                Int32(hidden), 1, buffers.coefficients.pointer, Int32(hiddenStride), weights.pointer,
                Int32(outputStride), 0, buffers.images.pointer, Int32(outputStride))
        }
        for (c, p) in buffers.kept.enumerated() {
            let q = range.lowerBound + p
            let i = Int(list.first[q])
            let j = Int(list.second[q])
            lmn_truncated_moments_avx2(
                endpoints + i * outputStride, endpoints + j * outputStride,
                buffers.images.pointer + c * count * outputStride, buffers.bounds.pointer + p * outputStride,
                outputStride, width, squares.pointer, buffers.squaresUpper.pointer, self.products.pointer,
                means.pointer)
            let upper = meanOfSquaredCorrelations(prepared: prepared)
            let lower = meanOfSquaredCorrelations(prepared: prepared, squares: buffers.squaresUpper.pointer)
            guard upper - lower <= truncationTolerance else {  // NaN fails too: the exact path reports it
                buffers.exact[p] = true
                continue
            }
            let value = truncationTolerance.isFinite ? (upper + lower) / 2 : upper
            connectivity[i * n + j] = value
            connectivity[j * n + i] = value
            truncatedPairs += 1
        }

        // 4. Everything else: all 19 residual rows (the old kernels) through W.
        var exactCount = 0
        for (p, q) in range.enumerated() where buffers.exact[p] {
            fillResiduals(
                pairs: list, range: q..<(q + 1), prepared: prepared,
                into: residuals.pointer + exactCount * interior * hiddenStride, vectorKernels: true)
            exactCount += 1
        }
        exactPairs += exactCount
        guard exactCount > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(interior * exactCount), Int32(outputStride),
            Int32(hidden), 1, residuals.pointer, Int32(hiddenStride), weights.pointer, Int32(outputStride), 0,
            products.pointer, Int32(outputStride))
        var e = 0
        for p in 0..<range.count where buffers.exact[p] {
            let q = range.lowerBound + p
            let i = Int(list.first[q])
            let j = Int(list.second[q])
            (wideKernels ? lmn_residual_moments_avx512 : lmn_residual_moments_avx2)(
                endpoints + i * outputStride, endpoints + j * outputStride,
                products.pointer + e * interior * outputStride, outputStride, width, squares.pointer,
                self.products.pointer, means.pointer)
            let value = meanOfSquaredCorrelations(prepared: prepared)
            connectivity[i * n + j] = value
            connectivity[j * n + i] = value
            e += 1
        }
    }
}
