/// The history of one metric with bounded memory: the most recent points at full resolution in a ring,
/// older points folded into at most `bucketCapacity` min/max-preserving buckets whose width doubles
/// whenever they fill up. Memory is O(recentCapacity + bucketCapacity) whatever the run length.
///
/// Steps must increase (the monitor drops evaluations whose step does not).
public struct SeriesHistory: Sendable {
    public let recentCapacity: Int
    public let bucketCapacity: Int

    // Ring of recent points: slot `(head + i) % recentCapacity` holds the i-th oldest.
    private var recent: [(step: Int, value: Double)] = []
    private var head = 0

    /// Full buckets of `pointsPerBucket` points each, oldest first.
    private(set) var buckets: [SeriesBucket] = []
    /// The bucket being filled by points leaving the ring (valid when `isFilling`; not optional
    /// because this is the hot path of every append once the ring is full).
    private var filling = SeriesBucket(step: 0, value: 0)
    private var isFilling = false
    public private(set) var pointsPerBucket = 1

    /// Whole-history summary (exact, not downsampled).
    public private(set) var count = 0
    public private(set) var nonFiniteCount = 0
    // ±inf sentinels while no finite value was seen (cheaper than optionals on the hot path).
    private var minimum = Double.infinity
    private var maximum = -Double.infinity
    public private(set) var latest: (step: Int, value: Double)?
    public private(set) var latestFinite: (step: Int, value: Double)?
    public private(set) var firstStep: Int?

    /// Finite extremes over the whole history.
    public var finiteMin: Double? { minimum <= maximum ? minimum : nil }
    public var finiteMax: Double? { minimum <= maximum ? maximum : nil }

    public init(recentCapacity: Int = 2048, bucketCapacity: Int = 2048) {
        self.recentCapacity = Swift.max(1, recentCapacity)
        self.bucketCapacity = Swift.max(2, bucketCapacity + bucketCapacity % 2)
        recent.reserveCapacity(self.recentCapacity)
    }

    public mutating func append(step: Int, value: Double) {
        count += 1
        if firstStep == nil { firstStep = step }
        latest = (step, value)
        if value.isFinite {
            latestFinite = (step, value)
            if value < minimum { minimum = value }
            if value > maximum { maximum = value }
        } else {
            nonFiniteCount += 1
        }
        if recent.count < recentCapacity {
            recent.append((step, value))
            return
        }
        let oldest = recent[head]
        evict(step: oldest.step, value: oldest.value)
        recent[head] = (step, value)
        head = head + 1 == recentCapacity ? 0 : head + 1
    }

    private mutating func evict(step: Int, value: Double) {
        if isFilling {
            filling.add(step: step, value: value)
        } else {
            filling = SeriesBucket(step: step, value: value)
            isFilling = true
        }
        guard filling.count >= pointsPerBucket else { return }
        buckets.append(filling)
        isFilling = false
        if buckets.count >= bucketCapacity { halveBuckets() }
    }

    /// Merges neighbouring buckets pairwise: half the buckets, twice the width, min/max kept.
    private mutating func halveBuckets() {
        var merged: [SeriesBucket] = []
        merged.reserveCapacity(bucketCapacity)
        var i = 0
        while i + 1 < buckets.count {
            var pair = buckets[i]
            pair.merge(buckets[i + 1])
            merged.append(pair)
            i += 2
        }
        if i < buckets.count { merged.append(buckets[i]) }
        buckets = merged
        pointsPerBucket *= 2
    }

    /// Stored items oldest first: buckets of old data, then single recent points (as one-point buckets).
    public func forEachItem(_ body: (SeriesBucket) -> Void) {
        for bucket in buckets { body(bucket) }
        if isFilling { body(filling) }
        let n = recent.count
        for i in 0..<n {
            let point = recent[(head + i) % n]
            body(SeriesBucket(step: point.step, value: point.value))
        }
    }

    /// Number of stored items (≤ bucketCapacity + 1 + recentCapacity).
    public var storedItemCount: Int { buckets.count + (isFilling ? 1 : 0) + recent.count }

    /// Approximate heap bytes held by this history.
    public var approximateByteCount: Int {
        buckets.capacity * MemoryLayout<SeriesBucket>.stride
            + recent.capacity * MemoryLayout<(step: Int, value: Double)>.stride + MemoryLayout<SeriesHistory>.size
    }
}
