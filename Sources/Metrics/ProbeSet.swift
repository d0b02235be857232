/// The fixed, seeded subset of task inputs on which LMN is measured (docs/lmn.md): `count` distinct
/// indices out of `0..<total` (train and test inputs together, in the task's own order), the same for
/// the whole run, recorded in the run header as `(seed, total, count)`.
///
/// Selection: Floyd's algorithm driven by `ProbeSetGenerator` (SplitMix64) seeded with `seed`, then
/// sorted ascending — deterministic across platforms and Swift versions. `count ≥ total` takes all.
public struct ProbeSet: Equatable, Hashable, Sendable, Codable {
    public let seed: UInt64
    public let total: Int
    /// Distinct input indices, ascending.
    public let indices: [Int]

    public var count: Int { indices.count }

    /// Default probe size of the paper preset.
    public static let defaultCount = 128

    public init(count: Int, total: Int, seed: UInt64) {
        self.seed = seed
        self.total = max(total, 0)
        let wanted = max(count, 0)
        if wanted >= self.total {
            indices = Array(0..<self.total)
            return
        }
        var generator = ProbeSetGenerator(seed: seed)
        var chosen = Set<Int>(minimumCapacity: wanted)
        for upper in (self.total - wanted)..<self.total {
            let candidate = Int(generator.next(below: UInt64(upper) + 1))
            chosen.insert(chosen.contains(candidate) ? upper : candidate)
        }
        indices = chosen.sorted()
    }

    /// Rows `indices` of a row-major `rows × width` array (e.g. all first-hidden-layer outputs).
    public func gather(_ all: [Double], width: Int) -> [Double] {
        var result = [Double]()
        result.reserveCapacity(count * width)
        for index in indices { result.append(contentsOf: all[(index * width)..<((index + 1) * width)]) }
        return result
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), private to the probe set so its stream never depends on
/// the engine's generator.
struct ProbeSetGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (bound > 0), unbiased by Lemire's multiply-and-reject.
    mutating func next(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}
