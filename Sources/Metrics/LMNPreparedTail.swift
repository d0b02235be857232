import CBLAS
import Engine
import Foundation

/// How the first tail layer's activation is applied along an interpolation segment.
enum LMNFirstActivation {
    /// SiLU (`tanh: false`) or tanh (`tanh: true`) through the geometric-exponential recurrence:
    /// along `z(λ_t) = z_i + λ_t·d`, `exp(−f·z)` is `E_i · r^t` with `r = exp(−f·d/20)`, so one
    /// multiply replaces each `exp` (relative error ≲ 40 ulp after 19 steps).
    case geometric(factor: Double, tanh: Bool)
    case relu
    case identity
    /// Any other activation (GELU): the scalar `Activation.apply`, exact but slower.
    case scalar(Activation)

    init(_ activation: Activation?) {
        switch activation {
        case .silu?: self = .geometric(factor: 1, tanh: false)
        case .tanh?: self = .geometric(factor: 2, tanh: true)
        case .relu?: self = .relu
        case nil: self = .identity
        case let other?: self = .scalar(other)
        }
    }
}

/// Everything the fast path derives once per evaluation from the tail and the probes, read-only while
/// the workers run: the commuted first layer `Z = H·W₁ᵀ + b₁`, the per-probe exponentials of the
/// geometric recurrence, the zero-padded weights of the later layers, and the probes' own outputs
/// `T(h_i)` (the λ = 0 and λ = 1 ends of every segment, shared by all pairs).
final class LMNPreparedTail {
    /// Beyond this |f·z| the recurrence could overflow; such lane groups take the scalar path.
    static let geometricLimit = 300.0

    let count: Int
    let tail: NetworkTail
    let shape: LMNShape
    let strides: [Int]
    let first: LMNFirstActivation
    let firstStride: Int
    let groups: Int  // SIMD lane groups covering the real columns of Z (not the all-padding ones)
    let preActivations: LMNBuffer  // Z, count × firstStride
    let expStart: LMNBuffer  // exp(−f z)
    let expStep: LMNBuffer  // exp(−f z / 20)
    let expStepInverse: LMNBuffer  // exp(+f z / 20)
    let groupIsGeometric: [Bool]  // count × groups
    let probeIsGeometric: [Bool]  // count: every lane group of the probe on the recurrence
    let laterWeights: [LMNBuffer]  // layer l ≥ 1: Wᵀ, inputs × strides[l], zero columns beyond outputs
    let endpoints: LMNBuffer  // T(h_i) without the last bias when it is left out, count × outputStride
    let outputOffset: LMNBuffer  // the last bias when left out of the values (only for the constant test), padded
    let outputMask: LMNBuffer  // 1 for real outputs, 0 for padding columns
    let outputStride: Int
    let outputCount: Int
    /// σ₁(Z), count × firstStride: the segment ends of the first layer.
    let firstActivations: LMNBuffer
    /// Two-layer tails with an affine last layer (the paper net) take the residual path
    /// (`LMNWorkspace+Residual.swift`): its last weights transposed to `Float`, inputs × outputStride.
    let residualWeights: LMNFloatBuffer?

    init(tail: NetworkTail, hidden: [Double], count: Int) {
        self.count = count
        self.tail = tail
        shape = LMNShape(tail)
        let strides = shape.strides
        self.strides = strides
        let layers = tail.layers
        first = LMNFirstActivation(layers[0].activation)
        self.firstStride = strides[0]
        self.groups = (tail.layers[0].outputs + Lanes.scalarCount - 1) / Lanes.scalarCount
        let outputStride = strides[strides.count - 1]
        self.outputStride = outputStride
        outputCount = tail.outputWidth

        // Z = H·W₁ᵀ + b₁ (the interpolation commutes with this affine map).
        let firstStride = strides[0]
        let groups = (tail.layers[0].outputs + Lanes.scalarCount - 1) / Lanes.scalarCount
        let z = LMNBuffer(count: count * firstStride)
        preActivations = z
        let layer0 = layers[0]
        hidden.withUnsafeBufferPointer { h in
            layer0.weights.withUnsafeBufferPointer { w in
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(layer0.outputs), Int32(layer0.inputs),
                    1, h.baseAddress, Int32(layer0.inputs), w.baseAddress, Int32(layer0.inputs), 0,
                    z.pointer, Int32(firstStride))
            }
        }
        for row in 0..<count {
            for o in 0..<layer0.outputs { z.pointer[row * firstStride + o] += layer0.bias[o] }
        }

        let expStart = LMNBuffer(count: count * firstStride)
        let expStep = LMNBuffer(count: count * firstStride)
        let expStepInverse = LMNBuffer(count: count * firstStride)
        (self.expStart, self.expStep, self.expStepInverse) = (expStart, expStep, expStepInverse)
        var geometric = [Bool](repeating: false, count: count * groups)
        if case .geometric(let factor, _) = first {
            for index in 0..<(count * firstStride) {
                let fz = factor * z.pointer[index]
                expStart.pointer[index] = Foundation.exp(-fz)
                expStep.pointer[index] = Foundation.exp(-fz / 20)
                expStepInverse.pointer[index] = Foundation.exp(fz / 20)
            }
            for row in 0..<count {
                for group in 0..<groups {
                    let base = row * firstStride + group * Lanes.scalarCount
                    geometric[row * groups + group] = (0..<Lanes.scalarCount).allSatisfy {
                        abs(factor * z.pointer[base + $0]) <= LMNPreparedTail.geometricLimit
                    }
                }
            }
        }
        groupIsGeometric = geometric
        probeIsGeometric = (0..<count).map { row in
            groups > 0 && geometric[(row * groups)..<(row * groups + groups)].allSatisfy { $0 }
        }

        let laterWeights = layers.indices.dropFirst().map { l in
            let layer = layers[l]
            // Stored transposed, inputs × strides[l]: the NoTrans·NoTrans product takes OpenBLAS's
            // small-matrix kernel on blocks of ≤ 1M multiply-adds (≈ 1.5× faster on Skylake-X).
            let transposed = LMNBuffer(count: strides[l] * layer.inputs)
            for o in 0..<layer.outputs {
                for i in 0..<layer.inputs {
                    transposed.pointer[i * strides[l] + o] = layer.weights[o * layer.inputs + i]
                }
            }
            return transposed
        }
        self.laterWeights = laterWeights
        let leavesLastBias = layers.count >= 2 && layers[layers.count - 1].activation == nil
        outputOffset = LMNBuffer(count: outputStride)
        outputMask = LMNBuffer(count: outputStride)
        for o in 0..<outputCount {
            outputOffset.pointer[o] = leavesLastBias ? layers[layers.count - 1].bias[o] : 0
            outputMask.pointer[o] = 1
        }

        // The segment ends: σ₁(Z) exactly, then the rest of the tail.
        let firstActivations = LMNBuffer(count: count * firstStride)
        self.firstActivations = firstActivations
        for row in 0..<count {
            for o in 0..<layer0.outputs {
                let value = z.pointer[row * firstStride + o]
                firstActivations.pointer[row * firstStride + o] = layer0.activation?.apply(value) ?? value
            }
        }
        let scratch = strides.dropFirst().map { LMNBuffer(count: count * $0) }
        let endpoints = LMNBuffer(count: count * outputStride)
        withExtendedLifetime((firstActivations, scratch)) {
            let out = LMNPreparedTail.propagate(
                firstActivations.pointer, rows: count, tail: tail, strides: strides, weights: laterWeights,
                scratch: scratch.map(\.pointer))
            endpoints.pointer.update(from: out, count: count * outputStride)
        }
        self.endpoints = endpoints
        if layers.count == 2, layers[1].activation == nil {
            let weights = LMNFloatBuffer(count: layers[1].inputs * outputStride)
            for index in 0..<(layers[1].inputs * outputStride) {
                weights.pointer[index] = Float(laterWeights[0].pointer[index])
            }
            residualWeights = weights
        } else {
            residualWeights = nil
        }
    }

    /// Applies layers 1… of the tail to `rows` rows of first-layer activations (stride `strides[0]`).
    /// Returns the buffer holding the outputs (stride `strides.last`); the last layer's bias is left
    /// out when that layer is affine (variance and covariance do not see a constant shift).
    static func propagate(
        _ input: UnsafeMutablePointer<Double>, rows: Int, tail: NetworkTail, strides: [Int], weights: [LMNBuffer],
        scratch: [UnsafeMutablePointer<Double>]
    ) -> UnsafeMutablePointer<Double> {
        var current = input
        let layers = tail.layers
        for l in layers.indices.dropFirst() {
            let layer = layers[l]
            let output = scratch[l - 1]
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(strides[l]), Int32(layer.inputs),
                1, current, Int32(strides[l - 1]), weights[l - 1].pointer, Int32(strides[l]), 0,
                output, Int32(strides[l]))
            let isLast = l == layers.count - 1
            if !isLast || layer.activation != nil {
                let activation = layer.activation
                for row in 0..<rows {
                    let values = output + row * strides[l]
                    for o in 0..<layer.outputs {
                        let z = values[o] + layer.bias[o]
                        values[o] = activation?.apply(z) ?? z
                    }
                }
            }
            current = output
        }
        return current
    }
}
