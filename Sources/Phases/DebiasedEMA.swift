#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// TensorBoard-style smoothing: `ema ← w·ema + (1 − w)·x`, debiased by `1 − w^t` so the first values
/// are not dragged toward zero. Non-finite inputs are skipped (they are drawn as gaps elsewhere).
public struct DebiasedEMA: Sendable, Equatable {
    /// Smoothing weight w in [0, 1); 0 means no smoothing.
    public let weight: Double
    private var biased = 0.0
    /// w^t, tracked as a product so that aggregated points (`add(mean:count:)`) stay exact.
    private var weightPower = 1.0
    public private(set) var count = 0

    public init(weight: Double) {
        self.weight = weight.isFinite ? min(max(weight, 0), 0.999_999) : 0
    }

    public mutating func add(_ x: Double) {
        guard x.isFinite else { return }
        biased = weight * biased + (1 - weight) * x
        weightPower *= weight
        count += 1
    }

    /// Adds `count` values whose mean is `mean` as if they were all equal to it (exact for a constant
    /// run; the approximation used for downsampled history).
    public mutating func add(mean: Double, count n: Int) {
        guard mean.isFinite, n > 0 else { return }
        if n == 1 { return add(mean) }
        let decay = pow(weight, Double(n))
        biased = decay * biased + (1 - decay) * mean
        weightPower *= decay
        count += n
    }

    /// The debiased average, or `nil` before the first finite value.
    public var value: Double? {
        guard count > 0 else { return nil }
        return biased / (1 - weightPower)
    }
}
