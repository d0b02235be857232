import Snapshots

/// The metrics the detector reads, pulled out of an evaluation in one pass over its dictionary.
/// (A million evaluations are a normal replay, so this avoids hashing every name: `MetricKeyTable`.)
struct WatchedMetrics: Sendable {
    /// Slots in `values`.
    static let memorizationPrimary = 0
    static let memorizationFallback = 1
    static let generalizationPrimary = 2
    static let generalizationFallback = 3
    static let testLoss = 4
    static let lmn = 5
    static let l2 = 6
    static let slotCount = 7

    /// Metric name → the slots it fills (bit mask; a name may fill several, e.g. test loss as both
    /// fallback and statistic).
    private var slotsByName = MetricKeyTable()
    /// Values of the last evaluation extracted, `nil` where absent.
    private(set) var values: [Double?]

    init(rules: PhaseRules) {
        let names = [
            rules.memorization.primary.metric, rules.memorization.fallback?.metric,
            rules.generalization.primary.metric, rules.generalization.fallback?.metric,
            MetricName.testLoss, MetricName.lmn, MetricName.l2,
        ]
        for (slot, name) in names.enumerated() {
            guard let name else { continue }
            slotsByName[name] = (slotsByName[name] ?? 0) | (1 << slot)
        }
        values = Array(repeating: nil, count: Self.slotCount)
    }

    mutating func extract(from evaluation: Evaluation) {
        for slot in 0..<Self.slotCount { values[slot] = nil }
        for (key, value) in evaluation.metrics {
            guard var slots = slotsByName[key] else { continue }
            while slots != 0 {
                values[slots.trailingZeroBitCount] = value
                slots &= slots - 1
            }
        }
    }

    subscript(slot: Int) -> Double? { values[slot] }
}

extension BoundaryRule {
    /// `check(_:)` on values already extracted.
    func check(primaryValue: Double?, fallbackValue: Double?) -> (holds: Bool, condition: MetricCondition)? {
        if let primaryValue { return (primary.holds(for: primaryValue), primary) }
        if let fallback, let fallbackValue { return (fallback.holds(for: fallbackValue), fallback) }
        return nil
    }
}
