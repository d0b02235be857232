#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a byte stream into records: splits lines, enforces the line length limit, decodes, checks the
/// header's version and keeps `StreamDiagnostics`. Feed it bytes in chunks of any size; a line split
/// across chunks is kept until its newline arrives (a torn last line waits). Not thread-safe: one
/// reader per stream, used on one thread at a time (copies share a decoding cache).
public struct StreamReader {
    public static let defaultMaxLineLength = 1 << 20

    /// Longer lines are skipped (counted in `oversizedLines`) without being buffered.
    public let maxLineLength: Int
    public let decodingPath: DecodingPath
    public private(set) var diagnostics = StreamDiagnostics()

    private var partial: [UInt8] = []
    /// Inside a line longer than the limit: its bytes are dropped until the newline.
    private var oversizedLength: Int?
    private var lineNumber = 0
    private var lastStep: Int?
    private var sawRecord = false
    private let shapeCache = EvaluationShapeCache()
    /// Metric names seen in this stream (at most `StreamLimits.maxMetricSeries`) and those dropped.
    private var metricNames: Set<String> = []
    private var droppedNames: Set<String> = []
    /// Shapes (of the decoding cache) whose names are all within the limit: lines of these skip the check.
    private var checkedShapes: Set<Int> = []

    public init(maxLineLength: Int = StreamReader.defaultMaxLineLength, decodingPath: DecodingPath = .fast) {
        self.maxLineLength = max(1, maxLineLength)
        self.decodingPath = decodingPath
    }

    /// Bytes of an unfinished last line waiting for the rest.
    public var pendingByteCount: Int { oversizedLength ?? partial.count }

    /// Appends the records found in `bytes` to `records`.
    public mutating func consume(_ bytes: UnsafeRawBufferPointer, into records: inout [Record]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        RecordDecoder.withNumericCLocale {
            var start = 0
            while start < bytes.count {
                guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                    keepUnfinished(UnsafeRawBufferPointer(rebasing: bytes[start...]))
                    return
                }
                let newline = UnsafeRawPointer(found) - base
                completeLine(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]), into: &records)
                start = newline + 1
            }
        }
    }

    /// Convenience for tests and small inputs.
    public mutating func consume(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        bytes.withUnsafeBytes { consume($0, into: &records) }
        return records
    }

    /// The input ended: a last line without newline is decoded if it is a complete record, otherwise
    /// counted in `incompleteTailBytes` (a writer that stopped mid-line).
    public mutating func finish(into records: inout [Record]) {
        if let length = oversizedLength {
            oversizedLength = nil
            lineNumber += 1
            diagnostics.linesRead += 1
            diagnostics.oversizedLines += 1
            skip("line of \(length)+ bytes exceeds the limit of \(maxLineLength) bytes")
            return
        }
        guard !partial.isEmpty else { return }
        let tail = partial
        partial.removeAll()
        let decoded = tail.withUnsafeBytes { raw in
            // A one-line stream without newline may still start with a byte order mark.
            let hasMark = lineNumber == 0 && raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
            return RecordDecoder.decode(
                bytes: UnsafeRawBufferPointer(rebasing: raw[(hasMark ? 3 : 0)...]), path: decodingPath)
        }
        if case .invalid = decoded {
            diagnostics.incompleteTailBytes = tail.count
            return
        }
        lineNumber += 1
        diagnostics.linesRead += 1
        if diagnostics.incompatibility != nil {
            diagnostics.skippedLines += 1
        } else {
            handle(decoded, into: &records)
        }
    }

    /// Start over at the beginning of a new stream (the file was truncated or replaced). Counts are
    /// kept; what describes "the current stream" (header, steps, incompatibility) is reset.
    public mutating func restart() {
        partial.removeAll()
        oversizedLength = nil
        lineNumber = 0
        lastStep = nil
        sawRecord = false
        metricNames.removeAll()
        droppedNames.removeAll()
        checkedShapes.removeAll()
        diagnostics.restarts += 1
        diagnostics.headerMissing = false
        diagnostics.incompatibility = nil
        diagnostics.incompleteTailBytes = 0
    }

    // MARK: - Lines

    private mutating func keepUnfinished(_ bytes: UnsafeRawBufferPointer) {
        if let length = oversizedLength {
            oversizedLength = length + bytes.count
        } else if partial.count + bytes.count > maxLineLength {
            oversizedLength = partial.count + bytes.count
            partial.removeAll()
        } else {
            partial.append(contentsOf: bytes)
        }
    }

    private mutating func completeLine(_ bytes: UnsafeRawBufferPointer, into records: inout [Record]) {
        lineNumber += 1
        diagnostics.linesRead += 1
        if let length = oversizedLength {
            oversizedLength = nil
            overlong(length + bytes.count)
        } else if !partial.isEmpty {
            if partial.count + bytes.count > maxLineLength {
                overlong(partial.count + bytes.count)
                partial.removeAll(keepingCapacity: true)
                return
            }
            partial.append(contentsOf: bytes)
            let line = partial
            partial.removeAll(keepingCapacity: true)
            line.withUnsafeBytes { decodeLine($0, into: &records) }
        } else if bytes.count > maxLineLength {
            overlong(bytes.count)
        } else {
            decodeLine(bytes, into: &records)
        }
    }

    private mutating func overlong(_ length: Int) {
        diagnostics.oversizedLines += 1
        skip("line of \(length) bytes exceeds the limit of \(maxLineLength) bytes")
    }

    private mutating func decodeLine(_ raw: UnsafeRawBufferPointer, into records: inout [Record]) {
        if diagnostics.incompatibility != nil {
            diagnostics.skippedLines += 1
            return
        }
        var bytes = raw
        if lineNumber == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])  // a UTF-8 byte order mark
        }
        shapeCache.lastShape = nil
        handle(RecordDecoder.decodeInCLocale(bytes, path: decodingPath, cache: shapeCache), into: &records)
        shapeCache.lastShape = nil
    }

    private mutating func handle(_ decoded: LineDecoding, into records: inout [Record]) {
        switch decoded {
        case .record(var record):
            if let problem = StreamLimits.problem(with: record) {
                skip(problem)
                return
            }
            limitSeries(&record)
            note(record)
            records.append(record)
        case .ignored: diagnostics.ignoredRecords += 1
        case .blank: diagnostics.blankLines += 1
        case .invalid(let reason): skip(reason)
        case .incompatible(let error):
            diagnostics.incompatibility = error
            skip(error.description)
        }
    }

    /// Keeps the first `maxMetricSeries` distinct metric names; values of later new names are dropped.
    private mutating func limitSeries(_ record: inout Record) {
        switch record {
        case .evaluation(var evaluation):
            let shape = shapeCache.lastShape
            if let shape, checkedShapes.contains(shape) { return }  // the common case: a known shape
            var changed = false
            for name in evaluation.metrics.keys where !metricNames.contains(name) {
                if metricNames.count < StreamLimits.maxMetricSeries {
                    metricNames.insert(name)
                } else {
                    evaluation.metrics[name] = nil
                    changed = true
                    // Count distinct names, but never hold more than the limit's worth of them.
                    if droppedNames.count < 4 * StreamLimits.maxMetricSeries, droppedNames.insert(name).inserted {
                        diagnostics.droppedSeries += 1
                    } else if droppedNames.count >= 4 * StreamLimits.maxMetricSeries {
                        diagnostics.droppedSeries += 1
                    }
                }
            }
            if changed {
                record = .evaluation(evaluation)
            } else if let shape {
                if checkedShapes.count >= 64 { checkedShapes.removeAll() }  // the cache holds only a few
                checkedShapes.insert(shape)
            }
        case .header(var header):
            if let n = header.probeSize, !(0...StreamLimits.maxProbeSize).contains(n) {
                header.probeSize = nil
                record = .header(header)
            }
        case .event, .end: break
        }
    }

    private mutating func note(_ record: Record) {
        diagnostics.records += 1
        switch record {
        case .header:
            if sawRecord { diagnostics.extraHeaders += 1 }
        case .evaluation(let evaluation):
            if let lastStep {
                if evaluation.step == lastStep { diagnostics.duplicateSteps += 1 }
                if evaluation.step < lastStep { diagnostics.decreasingSteps += 1 }
            }
            lastStep = evaluation.step
        case .event, .end: break
        }
        if !sawRecord, case .header = record {} else if !sawRecord { diagnostics.headerMissing = true }
        sawRecord = true
    }

    private mutating func skip(_ reason: String) {
        diagnostics.skippedLines += 1
        if diagnostics.firstError == nil {
            diagnostics.firstError = StreamDiagnostics.LineProblem(line: lineNumber, reason: reason)
        }
    }
}
