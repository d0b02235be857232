#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Consecutive evaluations of a run carry the same few sets of metric names (e.g. with and without
/// LMN), in the same order. Hashing those names into a fresh `[String: Double]` is most of the decoding
/// time, so the reader remembers a few shapes: when a line's raw keys match one byte for byte, a copy of
/// its template dictionary gets the new values through stored indices — no hashing. Other lines build
/// their dictionary the ordinary way (and become a shape).
final class EvaluationShapeCache {
    private struct Shape {
        var rawKeys: [UInt8]
        var rawKeyEnds: [Int]
        var template: [String: Double]
        var indices: [Dictionary<String, Double>.Index]
    }

    private static let capacity = 4
    private var shapes: [Shape] = []
    private var nextVictim = 0

    // The line being parsed.
    private var lineKeys: [String] = []
    private var lineRanges: [Range<Int>] = []
    private var lineValues: [Double] = []

    func beginLine() {
        lineKeys.removeAll(keepingCapacity: true)
        lineRanges.removeAll(keepingCapacity: true)
        lineValues.removeAll(keepingCapacity: true)
    }

    func add(key: String, raw: Range<Int>, value: Double) {
        lineKeys.append(key)
        lineRanges.append(raw)
        lineValues.append(value)
    }

    /// The metrics of the line just parsed.
    func metrics(line: UnsafeRawBufferPointer) -> [String: Double] {
        for shape in shapes where matches(shape, line) {
            var metrics = shape.template
            for k in 0..<lineValues.count { metrics.values[shape.indices[k]] = lineValues[k] }
            return metrics
        }
        var metrics: [String: Double] = [:]
        metrics.reserveCapacity(lineKeys.count)
        for k in 0..<lineKeys.count { metrics[lineKeys[k]] = lineValues[k] }
        if metrics.count == lineKeys.count { remember(metrics, line: line) }  // no duplicate keys
        return metrics
    }

    private func matches(_ shape: Shape, _ line: UnsafeRawBufferPointer) -> Bool {
        guard lineRanges.count == shape.rawKeyEnds.count else { return false }
        return shape.rawKeys.withUnsafeBytes { raw in
            var start = 0
            for (k, range) in lineRanges.enumerated() {
                let end = shape.rawKeyEnds[k]
                guard range.count == end - start,
                    memcmp(raw.baseAddress! + start, line.baseAddress! + range.lowerBound, range.count) == 0
                else { return false }
                start = end
            }
            return true
        }
    }

    private func remember(_ metrics: [String: Double], line: UnsafeRawBufferPointer) {
        var rawKeys: [UInt8] = []
        var rawKeyEnds: [Int] = []
        for range in lineRanges {
            rawKeys.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[range]))
            rawKeyEnds.append(rawKeys.count)
        }
        let shape = Shape(
            rawKeys: rawKeys, rawKeyEnds: rawKeyEnds, template: metrics,
            indices: lineKeys.map { metrics.index(forKey: $0)! })
        if shapes.count < Self.capacity {
            shapes.append(shape)
        } else {
            shapes[nextVictim] = shape
            nextVictim = (nextVictim + 1) % Self.capacity
        }
    }
}
