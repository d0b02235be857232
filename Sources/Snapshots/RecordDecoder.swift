#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How lines are decoded. `.fast` (the default) parses the shapes records have with `FlatJSONParser`
/// and hands anything else (arrays, deep nesting) to Foundation; `.foundationOnly` uses Foundation's
/// `JSONSerialization` for every line — about 20× slower, kept to check the fast path against.
public enum DecodingPath: Sendable {
    case fast
    case foundationOnly
}

/// What one line of a stream is.
public enum LineDecoding: Sendable, Equatable {
    case record(Record)
    /// A well-formed object of an unknown record type (ignored for forward compatibility).
    case ignored(type: String)
    /// Empty or whitespace only.
    case blank
    /// Not a record, and why (without line number).
    case invalid(reason: String)
    /// A header of a major version this reader cannot read.
    case incompatible(StreamFormatError)
}

/// Decodes single lines. `StreamReader` uses this for every line of a stream.
public enum RecordDecoder {
    /// Decodes one line (with or without its trailing newline).
    public static func decode(line: String, path: DecodingPath = .fast) -> LineDecoding {
        var text = line
        return text.withUTF8 { decode(bytes: UnsafeRawBufferPointer($0), path: path) }
    }

    public static func decode(bytes: [UInt8], path: DecodingPath = .fast) -> LineDecoding {
        bytes.withUnsafeBytes { decode(bytes: $0, path: path) }
    }

    /// Decodes one line of bytes. The result never depends on the process locale.
    public static func decode(bytes: UnsafeRawBufferPointer, path: DecodingPath = .fast) -> LineDecoding {
        withNumericCLocale { decodeInCLocale(bytes, path: path) }
    }

    static func decodeInCLocale(
        _ bytes: UnsafeRawBufferPointer, path: DecodingPath, cache: EvaluationShapeCache? = nil
    ) -> LineDecoding {
        if isBlank(bytes) { return .blank }
        let entries: [FlatEntry]
        switch path {
        case .fast:
            if let evaluation = FlatJSONParser.parseEvaluation(bytes, cache: cache ?? EvaluationShapeCache()) {
                return .record(.evaluation(evaluation))
            }
            do {
                entries = try FlatJSONParser.parse(bytes)
            } catch  where error.needsFoundation {
                return decodeInCLocale(bytes, path: .foundationOnly, cache: nil)
            } catch {
                return .invalid(reason: error.reason)
            }
        case .foundationOnly:
            switch FoundationJSON.parse(bytes) {
            case .success(let parsed): entries = parsed
            case .failure(let failure): return .invalid(reason: failure.reason)
            }
        }
        switch RecordBuilder.build(entries) {
        case .record(let record): return .record(record)
        case .unknownType(let name): return .ignored(type: name)
        case .invalid(let reason): return .invalid(reason: reason)
        case .incompatible(let error): return .incompatible(error)
        }
    }

    private static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return false
            }
        }
        return true
    }

    /// Runs `body` with the C numeric locale on this thread: `strtod` must read `0.5` the same way
    /// after the UI calls `setlocale(LC_ALL, "")` in a locale that writes `0,5`.
    static func withNumericCLocale<T>(_ body: () -> T) -> T {
        guard let locale = numericCLocale else { return body() }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body()
    }
}

// Created once and never modified or freed; uselocale only reads it, from any thread.
nonisolated(unsafe) private let numericCLocale: locale_t? = newlocale(1 << LC_NUMERIC, "C", nil)
