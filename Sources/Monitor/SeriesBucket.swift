/// A run of consecutive points of one series, summarized so that nothing visible is lost: the finite
/// minimum and maximum (a spike survives any amount of downsampling), the last finite value, the
/// finite mean, and how many values were NaN/±inf (drawn as a gap).
public struct SeriesBucket: Sendable, Equatable {
    public private(set) var firstStep: Int
    public private(set) var lastStep: Int
    /// Points summarized, finite or not.
    public private(set) var count: Int
    public private(set) var finiteCount: Int
    /// Finite minimum/maximum; meaningless (±inf) when `finiteCount == 0`.
    public private(set) var minimum: Double
    public private(set) var maximum: Double
    public private(set) var finiteSum: Double
    /// Last finite value (NaN when none).
    public private(set) var lastFinite: Double
    /// Last value as recorded (may be NaN/±inf).
    public private(set) var lastValue: Double

    public var nonFiniteCount: Int { count - finiteCount }
    public var mean: Double? { finiteCount > 0 ? finiteSum / Double(finiteCount) : nil }
    public var min: Double? { finiteCount > 0 ? minimum : nil }
    public var max: Double? { finiteCount > 0 ? maximum : nil }
    public var last: Double? { finiteCount > 0 ? lastFinite : nil }

    public init(step: Int, value: Double) {
        firstStep = step
        lastStep = step
        count = 1
        let finite = value.isFinite
        finiteCount = finite ? 1 : 0
        minimum = finite ? value : .infinity
        maximum = finite ? value : -.infinity
        finiteSum = finite ? value : 0
        lastFinite = finite ? value : .nan
        lastValue = value
    }

    public mutating func add(step: Int, value: Double) {
        lastStep = step
        count += 1
        lastValue = value
        guard value.isFinite else { return }
        finiteCount += 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        finiteSum += value
        lastFinite = value
    }

    /// Appends a later bucket.
    public mutating func merge(_ later: SeriesBucket) {
        lastStep = later.lastStep
        count += later.count
        finiteCount += later.finiteCount
        minimum = Swift.min(minimum, later.minimum)
        maximum = Swift.max(maximum, later.maximum)
        finiteSum += later.finiteSum
        if later.finiteCount > 0 { lastFinite = later.lastFinite }
        lastValue = later.lastValue
    }
}
