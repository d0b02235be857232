#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fast path of the decoder: a strict JSON parser for one line holding one object of scalars and
/// objects of scalars — exactly what `RecordEncoder` writes and what third-party writers produce.
/// Arrays and deeper nesting are well-formed JSON it does not handle: it says so, and the caller hands
/// the line to Foundation. Foundation's `JSONSerialization` costs ~8 µs a line here, too slow for a
/// million-line log (see docs/snapshot-format.md, "Performance").
struct FlatJSONParser {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    /// Parses `line` (without its newline). Throws `FlatParseFailure`.
    static func parse(_ line: UnsafeRawBufferPointer) throws(FlatParseFailure) -> [FlatEntry] {
        var parser = FlatJSONParser(bytes: line)
        parser.skipWhitespace()
        guard parser.index < line.count else { throw parser.failure("empty line") }
        guard line[parser.index] == UInt8(ascii: "{") else {
            throw parser.failure("a record must be a JSON object, found \(parser.describeCurrent())")
        }
        parser.index += 1
        let entries = try parser.parseObjectBody(nested: false)
        parser.skipWhitespace()
        guard parser.index == line.count else {
            throw parser.failure("unexpected \(parser.describeCurrent()) after the object")
        }
        return entries
    }

    private init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    init(line: UnsafeRawBufferPointer, position: Int) {
        self.bytes = line
        self.index = position
    }

    // MARK: - Structure

    /// After the opening brace: members up to and including the closing brace.
    mutating func parseObjectBody(nested: Bool) throws(FlatParseFailure) -> [FlatEntry] {
        var entries: [FlatEntry] = []
        entries.reserveCapacity(nested ? 4 : 12)
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return entries
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted key, found \(describeCurrent())") }
            index += 1
            let key = try parseStringBody()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after key, found \(describeCurrent())") }
            index += 1
            skipWhitespace()
            let value = try parseValue(nested: nested)
            entries.append(FlatEntry(key: key, value: value))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return entries
            default: throw failure("expected ',' or '}', found \(describeCurrent())")
            }
        }
    }

    mutating func parseValue(nested: Bool) throws(FlatParseFailure) -> FlatValue {
        guard let byte = peek else { throw failure("unexpected end of line, expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            return .string(try parseStringBody())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "I") {
                index += 1
                try expectWord("Infinity")
                return .nonFinite(-.infinity)
            }
            return try parseNumber()
        case UInt8(ascii: "{"):
            if nested { throw .unsupported }
            index += 1
            return .object(try parseObjectBody(nested: true))
        case UInt8(ascii: "["): throw .unsupported
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "N"):
            try expectWord("NaN")
            return .nonFinite(.nan)
        case UInt8(ascii: "I"):
            try expectWord("Infinity")
            return .nonFinite(.infinity)
        default: throw failure("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(FlatParseFailure) {
        let start = index
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0
        else { throw failure("invalid literal, expected \(word)") }
        index = start + count
    }

    // MARK: - Bytes

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func describeCurrent() -> String {
        guard let byte = peek else { return "end of line" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    func failure(_ reason: String) -> FlatParseFailure {
        FlatParseFailure(reason: "\(reason) at column \(index + 1)")
    }

    // MARK: - Strings and numbers (FlatJSONParser+Scalars.swift)

    var position: Int {
        get { index }
        set { index = newValue }
    }
    var buffer: UnsafeRawBufferPointer { bytes }
}
