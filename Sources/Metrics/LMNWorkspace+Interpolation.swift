extension LMNWorkspace {
    /// Writes `σ₁(z_i + λ_t (z_j − z_i))` for t = 1…19 of every pair in `range`, row `p·19 + t − 1`.
    /// SIMD8 over hidden units; padding lanes hold z = 0 and stay harmless.
    func interpolateFirstLayer(
        pairs list: LMNPairs, range: Range<Int>, prepared: LMNPreparedTail, into output: UnsafeMutablePointer<Double>
    ) {
        let stride = prepared.firstStride
        let chunks = prepared.chunks
        let z = prepared.preActivations.pointer
        for (p, q) in range.enumerated() {
            let i = Int(list.first[q])
            let j = Int(list.second[q])
            let rows = output + p * Self.interior * stride
            for chunk in 0..<chunks {
                let offset = chunk * 8
                let start = load(z + i * stride + offset)
                let step = load(z + j * stride + offset) - start
                switch prepared.first {
                case let .geometric(_, tanh)
                where prepared.chunkIsGeometric[i * chunks + chunk] && prepared.chunkIsGeometric[j * chunks + chunk]:
                    var e = load(prepared.expStart.pointer + i * stride + offset)
                    let ratio =
                        load(prepared.expStep.pointer + j * stride + offset)
                        * load(prepared.expStepInverse.pointer + i * stride + offset)
                    for t in 1...Self.interior {
                        e *= ratio
                        let value: SIMD8<Double>
                        if tanh {
                            value = 2 / (1 + e) - 1
                        } else {
                            value = (start + (Double(t) / 20) * step) / (1 + e)
                        }
                        store(value, rows + (t - 1) * stride + offset)
                    }
                case .relu:
                    for t in 1...Self.interior {
                        let value = pointwiseMax(start + (Double(t) / 20) * step, SIMD8<Double>())
                        store(value, rows + (t - 1) * stride + offset)
                    }
                case .identity:
                    for t in 1...Self.interior {
                        store(start + (Double(t) / 20) * step, rows + (t - 1) * stride + offset)
                    }
                default:
                    let activation = prepared.tail.layers[0].activation!
                    for t in 1...Self.interior {
                        let lambda = Double(t) / 20
                        let row = rows + (t - 1) * stride + offset
                        for lane in 0..<8 { row[lane] = activation.apply(start[lane] + lambda * step[lane]) }
                    }
                }
            }
        }
    }
}

@inline(__always) private func load(_ pointer: UnsafePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(pointer).load(as: SIMD8<Double>.self)
}

@inline(__always) private func load(_ pointer: UnsafeMutablePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(pointer).load(as: SIMD8<Double>.self)
}

@inline(__always) private func store(_ value: SIMD8<Double>, _ pointer: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Double>.self)
}
