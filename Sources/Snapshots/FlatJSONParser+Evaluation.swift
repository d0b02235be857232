#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlatJSONParser {
    /// The hot path for the line the writer emits most: an object whose first member is
    /// `"type":"eval"` (any JSON whitespace around, so Python's `json.dumps` spacing qualifies) followed by
    /// numbers, nulls and an optional `nonfinite` object, straight into an `Evaluation` with no
    /// intermediate values. Returns nil for anything else (another shape, or an error); the general path
    /// then decides, so the result is always the same as `RecordBuilder`'s (the corpus tests compare both
    /// with Foundation).
    static func parseEvaluation(_ line: UnsafeRawBufferPointer, cache: EvaluationShapeCache) -> Evaluation? {
        var parser = FlatJSONParser(line: line, position: 0)
        guard parser.expect("{"), parser.expect("\"type\""), parser.expect(":"), parser.expect("\"eval\""),
            parser.expect(",")
        else { return nil }
        return try? parser.parseEvaluationMembers(cache: cache)
    }

    /// Skips whitespace, then consumes `word` if it comes next.
    private mutating func expect(_ word: StaticString) -> Bool {
        skipWhitespace()
        let count = word.utf8CodeUnitCount
        guard position + count <= buffer.count, memcmp(buffer.baseAddress! + position, word.utf8Start, count) == 0
        else { return false }
        position += count
        return true
    }

    private mutating func parseEvaluationMembers(cache: EvaluationShapeCache) throws(FlatParseFailure) -> Evaluation? {
        var step: Int?
        var time = Double.nan
        var metricCount = 0
        var nonfinite: [FlatEntry] = []
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\""), let key = scanPlainKey() else { return nil }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            guard let byte = peek else { return nil }
            switch Self.reservedKey(UnsafeRawBufferPointer(rebasing: buffer[key])) {
            case .step:
                guard byte != UInt8(ascii: "n"), let value = try parseNumber().intValue else { return nil }
                step = value
            case .time:
                guard let value = try parseNumberOrNull(byte) else { return nil }
                time = value
            case .nonfinite:
                guard byte == UInt8(ascii: "{") else { return nil }
                position += 1
                nonfinite = try parseObjectBody(nested: true)
            case .type: return nil
            case .metric:
                guard metricCount < cache.capacity, let value = try parseNumberOrNull(byte) else { return nil }
                cache.keyRanges[metricCount] = key
                cache.values[metricCount] = value
                metricCount += 1
            }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                skipWhitespace()
                guard position == buffer.count, let step else { return nil }
                var metrics = cache.metrics(line: buffer, count: metricCount)
                for flag in nonfinite {
                    guard case .string(let text) = flag.value, let value = RecordBuilder.nonFiniteValue(text) else {
                        return nil
                    }
                    metrics[flag.key] = value
                }
                return Evaluation(step: step, wallTime: time, metrics: metrics)
            default: return nil
            }
        }
    }

    /// At an opening quote: the byte range of a key of printable ASCII without escapes, positioned after
    /// its closing quote; nil for any other key (the general path decodes those).
    private mutating func scanPlainKey() -> Range<Int>? {
        let start = position + 1
        var i = start
        let bytes = buffer
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                position = i + 1
                return start..<i
            }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            i += 1
        }
        return nil
    }

    private enum KeyKind { case step, time, nonfinite, type, metric }

    /// Classifies a raw key by its bytes (cheaper than comparing Strings four times per key).
    private static func reservedKey(_ raw: UnsafeRawBufferPointer) -> KeyKind {
        func equals(_ word: StaticString) -> Bool {
            raw.count == word.utf8CodeUnitCount && memcmp(raw.baseAddress!, word.utf8Start, raw.count) == 0
        }
        switch raw.count {
        case 4: return equals("step") ? .step : equals("time") ? .time : equals("type") ? .type : .metric
        case 9: return equals("nonfinite") ? .nonfinite : .metric
        default: return .metric
        }
    }

    /// A number, `null` (NaN: a gap) or a bare non-finite token; nil for any other kind of value.
    private mutating func parseNumberOrNull(_ byte: UInt8) throws(FlatParseFailure) -> Double? {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "I"):
            let value = try parseValue(nested: true)
            switch value {
            case .null: return .nan
            default: return value.doubleValue
            }
        default: return nil
        }
    }
}
