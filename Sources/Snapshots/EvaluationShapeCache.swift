#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Consecutive evaluations of a run carry the same few sets of metric names (e.g. with and without
/// LMN), in the same order. Building a fresh `[String: Double]` per line (key strings, hashing, growth)
/// was the largest decoding cost, so the reader remembers a few shapes: when a line's raw keys match one
/// byte for byte, a copy of its template dictionary gets the new values through stored indices — no
/// strings, no hashing. Other lines build their dictionary the ordinary way (and become a shape).
final class EvaluationShapeCache {
    private struct Shape {
        var rawKeys: [UInt8]
        var rawKeyEnds: [Int]
        var template: [String: Double]
        var indices: [Dictionary<String, Double>.Index]
        var id: Int
    }

    /// The remembered shape the last `metrics` call reused, nil when it built a new dictionary (or the
    /// line went the general way: the reader sets nil before decoding). Lets the reader check a shape's
    /// metric names against the series limit once instead of on every line.
    var lastShape: Int?
    private var nextID = 0

    /// Metrics per line the fast path takes; lines with more go the general way.
    let capacity = 64
    /// Scratch for the line being parsed: where each metric's key is in the line, and its value.
    /// `let` pointers, so writing through them costs no exclusivity check.
    let keyRanges: UnsafeMutablePointer<Range<Int>>
    let values: UnsafeMutablePointer<Double>

    private static let shapeCount = 4
    private var shapes: [Shape] = []
    private var nextVictim = 0

    init() {
        keyRanges = .allocate(capacity: capacity)
        keyRanges.initialize(repeating: 0..<0, count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
    }

    deinit {
        keyRanges.deallocate()
        values.deallocate()
    }

    /// The metrics of the line just parsed: `count` keys (plain ASCII, no escapes) and values.
    func metrics(line: UnsafeRawBufferPointer, count: Int) -> [String: Double] {
        for shape in shapes where matches(shape, line, count: count) {
            lastShape = shape.id
            var metrics = shape.template
            for k in 0..<count { metrics.values[shape.indices[k]] = values[k] }
            return metrics
        }
        var metrics: [String: Double] = [:]
        metrics.reserveCapacity(count)
        var keys: [String] = []
        for k in 0..<count {
            let key = String(decoding: UnsafeRawBufferPointer(rebasing: line[keyRanges[k]]), as: UTF8.self)
            keys.append(key)
            metrics[key] = values[k]
        }
        if metrics.count == count { remember(metrics, keys: keys, line: line) }  // no duplicate keys
        return metrics
    }

    private func matches(_ shape: Shape, _ line: UnsafeRawBufferPointer, count: Int) -> Bool {
        guard count == shape.rawKeyEnds.count else { return false }
        return shape.rawKeys.withUnsafeBytes { raw in
            var start = 0
            for k in 0..<count {
                let range = keyRanges[k]
                let end = shape.rawKeyEnds[k]
                guard range.count == end - start,
                    memcmp(raw.baseAddress! + start, line.baseAddress! + range.lowerBound, range.count) == 0
                else { return false }
                start = end
            }
            return true
        }
    }

    private func remember(_ metrics: [String: Double], keys: [String], line: UnsafeRawBufferPointer) {
        var rawKeys: [UInt8] = []
        var rawKeyEnds: [Int] = []
        for k in 0..<keys.count {
            rawKeys.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[keyRanges[k]]))
            rawKeyEnds.append(rawKeys.count)
        }
        let shape = Shape(
            rawKeys: rawKeys, rawKeyEnds: rawKeyEnds, template: metrics,
            indices: keys.map { metrics.index(forKey: $0)! }, id: nextID)
        nextID += 1
        if shapes.count < Self.shapeCount {
            shapes.append(shape)
        } else {
            shapes[nextVictim] = shape
            nextVictim = (nextVictim + 1) % Self.shapeCount
        }
    }
}
