import Foundation

/// The engine's only source of randomness: SplitMix64 (Steele, Lea & Flood 2014), passed `inout` so
/// every draw is explicit and a seed reproduces a run bit for bit. Its whole state is one `UInt64`,
/// which checkpoints store to resume exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    public var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [low, high).
    public mutating func nextUniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnitDouble()
    }

    /// Standard normal by the Box–Muller transform (one draw per call; the twin is discarded so the
    /// stream position depends only on the number of calls).
    public mutating func nextStandardNormal() -> Double {
        let u1 = 1 - nextUnitDouble()  // (0, 1]: log is finite
        let u2 = nextUnitDouble()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Uniform integer in 0..<bound without modulo bias.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound")
        // Lemire's multiply-shift with rejection, written out so the stream is pinned to this file.
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let product = next().multipliedFullWidth(by: range)
            if product.low >= threshold { return Int(product.high) }
        }
    }

    /// Fisher–Yates shuffle driven by this generator (the standard library's shuffle may change its
    /// algorithm between releases; ours is pinned so splits stay reproducible).
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            values.swapAt(i, j)
        }
    }
}
