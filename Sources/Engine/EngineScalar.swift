import CBLAS
import Foundation

/// The floating-point type the engine trains in: `Float` (default, sgemm) or `Double` (dgemm).
/// Layers, loss, optimizer and network are generic over it; the few operations that differ by type
/// (the BLAS call, the fast `exp`, transcendental scalars, the checkpoint dtype) are its requirements.
/// Hot loops are specialized by the compiler for both types (the `Trainer` facade names them concretely).
public protocol EngineScalar: BinaryFloatingPoint, Sendable, Codable {
    /// The run-level option value (`--precision`).
    static var precision: Precision { get }
    /// `C = alpha·op(A)·op(B) + beta·C`, row-major, as `MatrixMultiply.gemm` documents.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>,
        b: UnsafePointer<Self>, beta: Self, c: UnsafeMutablePointer<Self>)
    /// `exp` for the SiLU and softmax loops (vectorizable for `Float`).
    static func fastExp(_ x: Self) -> Self
    static func exactExp(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
}

/// Training precision of a run: float32 (the default, fastest) or float64 (no float32 "slingshot"
/// instabilities late in training; see docs/presets.md).
public enum Precision: String, Codable, CaseIterable, Sendable {
    case f32, f64

    /// The safetensors dtype of a checkpoint's tensors.
    public var dtype: String { self == .f32 ? "F32" : "F64" }

    /// Looks a precision up by its option value, with an error that lists the valid ones.
    public static func named(_ name: String) throws -> Precision {
        guard let precision = Precision(rawValue: name) else {
            throw ConfigurationError(option: "precision", problem: "'\(name)' is unknown", fix: "use f32 or f64")
        }
        return precision
    }
}

extension Float: EngineScalar {
    public static var precision: Precision { .f32 }

    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>,
        b: UnsafePointer<Float>, beta: Float, c: UnsafeMutablePointer<Float>
    ) {
        MatrixMultiply.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, b: b, beta: beta,
            c: c)
    }

    @inlinable @inline(__always) public static func fastExp(_ x: Float) -> Float { VectorExp.exp(x) }
    @inlinable public static func exactExp(_ x: Float) -> Float { Foundation.exp(x) }
    @inlinable public static func erf(_ x: Float) -> Float { Foundation.erf(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
}

extension Double: EngineScalar {
    public static var precision: Precision { .f64 }

    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>,
        b: UnsafePointer<Double>, beta: Double, c: UnsafeMutablePointer<Double>
    ) {
        guard m > 0, n > 0 else { return }
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b,
            Int32(transposeB ? k : n), beta, c, Int32(n))
    }

    @inlinable @inline(__always) public static func fastExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func exactExp(_ x: Double) -> Double { Foundation.exp(x) }
    @inlinable public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
}
