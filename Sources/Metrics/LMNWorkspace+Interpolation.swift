extension LMNWorkspace {
    /// Writes `σ₁(z_i + λ_t (z_j − z_i))` for t = 1…19 of every pair in `range`, row `p·19 + t − 1`.
    /// SIMD over hidden units (4 lanes: SSE2 has 16 registers); padding lanes hold z = 0, harmless.
    func interpolateFirstLayer(
        pairs list: LMNPairs, range: Range<Int>, prepared: LMNPreparedTail, into output: UnsafeMutablePointer<Double>
    ) {
        let stride = prepared.firstStride
        let groups = prepared.groups
        prepared.groupIsGeometric.withUnsafeBufferPointer { geometric in
            for (p, q) in range.enumerated() {
                let i = Int(list.first[q])
                let j = Int(list.second[q])
                let rows = output + p * Self.interior * stride
                for group in 0..<groups {
                    let offset = group * Lanes.scalarCount
                    segment(
                        from: i, to: j, group: group, prepared: prepared, geometric: geometric.baseAddress!,
                        rows: rows + offset, stride: stride)
                }
            }
        }
    }

    /// `σ₁` at t = 1…19 of the segment i → j for one lane group, row t at `rows + (t − 1)·stride`.
    @inline(__always)
    func segment(
        from i: Int, to j: Int, group: Int, prepared: LMNPreparedTail, geometric: UnsafePointer<Bool>,
        rows: UnsafeMutablePointer<Double>, stride rowStride: Int
    ) {
        let stride = prepared.firstStride
        let groups = prepared.groups
        let offset = group * Lanes.scalarCount
        let z = prepared.preActivations.pointer
        let lambdas = self.lambdas.pointer
        let start = load(z + i * stride + offset)
        let step = load(z + j * stride + offset) - start
        if case .geometric(_, let tanh) = prepared.first, geometric[i * groups + group] && geometric[j * groups + group]
        {
            let e = load(prepared.expStart.pointer + i * stride + offset)
            let ratio =
                load(prepared.expStep.pointer + j * stride + offset)
                * load(prepared.expStepInverse.pointer + i * stride + offset)
            geometricSegment(
                start: start, step: step, exponential: e, ratio: ratio, tanh: tanh, rows: rows, stride: rowStride,
                lambdas: lambdas)
            return
        }
        let activation = prepared.tail.layers[0].activation
        for t in 1...Self.interior {
            var value = start + lambdas[t] * step
            switch prepared.first {
            case .relu: value.replace(with: 0, where: value .< 0)
            case .identity: break
            case .geometric, .scalar:  // GELU, or SiLU/tanh beyond the recurrence's range
                for lane in 0..<Lanes.scalarCount { value[lane] = activation!.apply(value[lane]) }
            }
            store(value, rows + (t - 1) * rowStride)
        }
    }

    /// SiLU (`z·sigmoid`) or tanh (`2·sigmoid(2z) − 1`) at t = 1…19 of one segment chunk, with
    /// `exp(−f·z(λ_t)) = exponential · ratio^t`. Divisions dominate, so two points share one:
    /// `1/d₁ = d₂/(d₁d₂)`, `1/d₂ = d₁/(d₁d₂)` (d ≤ 1 + e^300, so d₁d₂ stays finite).
    @inline(__always)
    private func geometricSegment(
        start: Lanes, step: Lanes, exponential: Lanes, ratio: Lanes, tanh: Bool, rows: UnsafeMutablePointer<Double>,
        stride: Int, lambdas: UnsafeMutablePointer<Double>
    ) {
        var e = exponential
        let ratioSquared = ratio * ratio  // e₂ from e, not from e₁: halves the dependency chain
        let delta = lambdas[1] * step
        let twoDelta = delta + delta
        var z = start + delta  // z(λ_t) by steps of δ = step/20: one add instead of a multiply-add
        var row = rows  // row of t = 1; pointer steps avoid checked index arithmetic in the loop
        for _ in 0..<(Self.interior / 2) {
            let e1 = e * ratio
            let e2 = e * ratioSquared
            e = e2
            let d1 = 1 + e1
            let d2 = 1 + e2
            let inverse = 1 / (d1 * d2)
            let s1 = inverse * d2
            let s2 = inverse * d1
            if tanh {
                store(2 * s1 - 1, row)
                store(2 * s2 - 1, row + stride)
            } else {
                store(z * s1, row)
                store((z + delta) * s2, row + stride)
                z += twoDelta
            }
            row += stride + stride
        }
        // 19 interior points: one left over.
        e *= ratio
        let s = 1 / (1 + e)
        store(tanh ? 2 * s - 1 : z * s, row)
    }
}

typealias Lanes = SIMD4<Double>

@inline(__always) func load(_ pointer: UnsafePointer<Double>) -> Lanes {
    UnsafeRawPointer(pointer).load(as: Lanes.self)
}

@inline(__always) func load(_ pointer: UnsafeMutablePointer<Double>) -> Lanes {
    UnsafeRawPointer(pointer).load(as: Lanes.self)
}

@inline(__always) func store(_ value: Lanes, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Lanes.self)
}
