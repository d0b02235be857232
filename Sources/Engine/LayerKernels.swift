import EngineKernels
import Foundation

/// Which implementation an element-wise training kernel runs: the C loops of `EngineKernels`
/// (float32: AVX2+FMA, and AVX-512 forms of the SiLU loops), or the generic Swift loops, their
/// portable twins (float64, other CPUs, and the reference the tests compare the C loops with;
/// docs/performance.md, "Training").
public enum KernelPath: String, Sendable, CaseIterable {
    case avx512, avx2, portable

    /// Whether this CPU can run the AVX2 kernels.
    public static let vectorAvailable: Bool = engine_kernels_available() != 0
    /// Whether it can also run the AVX-512 forms.
    public static let avx512Available: Bool = vectorAvailable && engine_kernels_avx512_available() != 0

    /// Whether this CPU can run `self`.
    public var isAvailable: Bool {
        switch self {
        case .avx512: KernelPath.avx512Available
        case .avx2: KernelPath.vectorAvailable
        case .portable: true
        }
    }

    /// What training uses: the widest available path, unless `GROKSCOPE_KERNELS` names another
    /// available one (A/B timing of the paths in one binary).
    public static let preferred: KernelPath = {
        if let name = getenv("GROKSCOPE_KERNELS").map({ String(cString: $0) }), let path = KernelPath(rawValue: name),
            path.isAvailable
        {
            return path
        }
        return avx512Available ? .avx512 : vectorAvailable ? .avx2 : .portable
    }()

    /// Whether `Scalar` runs the C loops on this path (they exist for `Float` only).
    @inlinable
    func runsVector<Scalar: EngineScalar>(_: Scalar.Type) -> Bool {
        self != .portable && Scalar.self == Float.self && isAvailable
    }

    /// Whether `Scalar` runs the AVX-512 form of a kernel that has one.
    @inlinable
    func runsAVX512<Scalar: EngineScalar>(_: Scalar.Type) -> Bool {
        self == .avx512 && Scalar.self == Float.self && KernelPath.avx512Available
    }
}

/// The fused element-wise loops of a layer: bias add, bias + SiLU forward, SiLU backward with the
/// bias gradient, column sums. Buffers are row-major rows × columns.
public enum LayerKernels {
    @inlinable
    static func float<Scalar>(_ pointer: UnsafePointer<Scalar>) -> UnsafePointer<Float> {
        UnsafeRawPointer(pointer).assumingMemoryBound(to: Float.self)
    }

    @inlinable
    static func float<Scalar>(_ pointer: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Float.self)
    }

    /// z[row][j] += bias[j].
    @inlinable
    public static func addBias<Scalar: EngineScalar>(
        _ z: UnsafeMutablePointer<Scalar>, bias: UnsafePointer<Scalar>, rows: Int, columns: Int,
        path: KernelPath = .preferred
    ) {
        if path.runsVector(Scalar.self) {
            ek_bias_add_f32(float(z), float(bias), rows, columns)
            return
        }
        for row in 0..<rows {
            let zRow = z + row * columns
            for j in 0..<columns { zRow[j] += bias[j] }
        }
    }

    /// t = z + bias; s := σ(t) = 1/(1 + e^−t), y := t·s (SiLU), in one pass after the layer's
    /// product. `s` and `y` are all SiLU's backward needs; `y` may be `z` (in place).
    @inlinable
    public static func biasSiLU<Scalar: EngineScalar>(
        _ z: UnsafeMutablePointer<Scalar>, bias: UnsafePointer<Scalar>, rows: Int, columns: Int,
        activations y: UnsafeMutablePointer<Scalar>, sigmoid s: UnsafeMutablePointer<Scalar>,
        path: KernelPath = .preferred
    ) {
        if path.runsAVX512(Scalar.self) {
            ek_bias_silu_f32_avx512(float(z), float(bias), rows, columns, float(y), float(s))
            return
        }
        if path.runsVector(Scalar.self) {
            ek_bias_silu_f32(float(z), float(bias), rows, columns, float(y), float(s))
            return
        }
        // Row by row with row pointers, and the in-place case with one pointer for z and y: LLVM
        // vectorizes these inner loops (VectorExp.exp is branch-free) only when its run-time overlap
        // checks pass, and y == z would fail them.
        for row in 0..<rows {
            let zRow = z + row * columns
            let sRow = s + row * columns
            if y == z {
                for j in 0..<columns {
                    let t = zRow[j] + bias[j]
                    let sigmoid = 1 / (1 + Scalar.fastExp(-t))
                    sRow[j] = sigmoid
                    zRow[j] = t * sigmoid
                }
            } else {
                let yRow = y + row * columns
                for j in 0..<columns {
                    let t = zRow[j] + bias[j]
                    let sigmoid = 1 / (1 + Scalar.fastExp(-t))
                    sRow[j] = sigmoid
                    yRow[j] = t * sigmoid
                }
            }
        }
    }

    /// dz = dy·σ'(t) with σ'(t) = s·(1 + t·(1 − s)) = s + y·(1 − s), from the forward's y and s;
    /// bias gradient[j] += Σ_rows dz[row][j] in the same pass (rows in order).
    @inlinable
    public static func siluBackward<Scalar: EngineScalar>(
        outputGradient dy: UnsafePointer<Scalar>, activations y: UnsafePointer<Scalar>,
        sigmoid s: UnsafePointer<Scalar>, rows: Int, columns: Int, into dz: UnsafeMutablePointer<Scalar>,
        biasGradient: UnsafeMutablePointer<Scalar>, path: KernelPath = .preferred
    ) {
        if path.runsAVX512(Scalar.self) {
            ek_silu_backward_f32_avx512(
                float(dy), float(y), float(s), rows, columns, float(dz), float(biasGradient))
            return
        }
        if path.runsVector(Scalar.self) {
            ek_silu_backward_f32(float(dy), float(y), float(s), rows, columns, float(dz), float(biasGradient))
            return
        }
        for row in 0..<rows {
            let offset = row * columns
            let (dyRow, yRow, sRow, dzRow) = (dy + offset, y + offset, s + offset, dz + offset)
            for j in 0..<columns {
                let sigmoid = sRow[j]
                let gradient = dyRow[j] * (sigmoid + yRow[j] * (1 - sigmoid))
                dzRow[j] = gradient
                biasGradient[j] += gradient
            }
        }
    }

    /// sums[j] += Σ_rows g[row][j] (a bias gradient), rows in order.
    @inlinable
    public static func addColumnSums<Scalar: EngineScalar>(
        _ g: UnsafePointer<Scalar>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Scalar>,
        path: KernelPath = .preferred
    ) {
        if path.runsVector(Scalar.self) {
            ek_column_sums_f32(float(g), rows, columns, float(sums))
            return
        }
        for row in 0..<rows {
            let gRow = g + row * columns
            for j in 0..<columns { sums[j] += gRow[j] }
        }
    }
}
