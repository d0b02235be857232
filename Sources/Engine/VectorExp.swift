import EngineKernels

/// A fast `exp` for `Float`, the cost centre of SiLU and softmax. Foundation's `expf` is an opaque
/// call that blocks vectorization; this one is branch-free arithmetic that LLVM vectorizes inside
/// the callers' loops. Range reduction `x = k·ln2 + r`, |r| ≤ ln2/2, then a degree-7 Taylor
/// polynomial for `e^r` (truncation ≤ 4e-9 relative: within a few ulp of `expf`).
/// Inputs are clamped to [-87.3, 88.3] so `2^k` stays a normal float: tiny results stay ~1e-38
/// instead of 0 and huge ones saturate at ~2e38 instead of infinity, which the callers (sigmoid,
/// softmax after max-subtraction) tolerate by construction. NaN stays NaN (the clamps pass it through).
public enum VectorExp {
    @inlinable @inline(__always)
    public static func exp(_ value: Float) -> Float {
        // Ternaries, not min/max: they lower to vector min/max without NaN bookkeeping.
        var x = value < -87.3 ? -87.3 : value
        x = x > 88.3 ? 88.3 : x
        // Round x·log2(e) to an integer k by adding 1.5·2²³: the float addition itself rounds (to
        // nearest even) and leaves k in the low mantissa bits, so no float→int conversion is needed.
        let shifted = x * 1.442_695_04 + 12_582_912
        let k = shifted - 12_582_912
        // Cody–Waite split of ln 2 keeps r accurate to float precision.
        let r = x - k * 0.693_359_375 + k * 2.121_944_4e-4
        var p: Float = 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let exponentBits = (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23
        return p * Float(bitPattern: exponentBits)
    }

    /// Replaces every element of `buffer[0..<count]` by its exponential; the vector path runs the
    /// same operations 8 lanes at a time in C (`ek_exp8`, bit-identical; the kernels' exp), or 16 with FMA
    /// (AVX-512, within 2 ulp).
    @inlinable
    public static func exponentiate(
        _ buffer: UnsafeMutablePointer<Float>, count: Int, path: KernelPath = .preferred
    ) {
        if path.runsAVX512(Float.self) {
            ek_exp_f32_avx512(buffer, buffer, count)
            return
        }
        if path.runsVector(Float.self) {
            ek_exp_f32(buffer, buffer, count)
            return
        }
        for i in 0..<count { buffer[i] = exp(buffer[i]) }
    }
}
