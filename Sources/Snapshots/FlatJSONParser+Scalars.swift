#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlatJSONParser {
    /// After the opening quote: the string up to and including its closing quote.
    mutating func parseStringBody() throws(FlatParseFailure) -> String {
        let start = position
        var i = start
        var sawNonASCII: UInt8 = 0
        let bytes = buffer
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                position = i + 1
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                if sawNonASCII & 0x80 == 0 { return String(decoding: slice, as: UTF8.self) }
                guard let text = String(validating: slice, as: UTF8.self) else {
                    position = start
                    throw failure("invalid UTF-8 in string")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                position = i
                throw failure("unescaped control character in string")
            }
            sawNonASCII |= byte
            i += 1
        }
        guard i < bytes.count else {
            position = i
            throw failure("unterminated string")
        }
        position = i
        return try parseEscapedString(prefix: UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
    }

    /// The slow half of `parseStringBody`: the string has escapes; `position` is at the first backslash.
    private mutating func parseEscapedString(prefix: UnsafeRawBufferPointer) throws(FlatParseFailure) -> String {
        var out = [UInt8](prefix)
        let bytes = buffer
        var i = position
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                position = i + 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw failure("invalid UTF-8 in string")
                }
                return text
            }
            if byte < 0x20 {
                position = i
                throw failure("unescaped control character in string")
            }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { break }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                position = i
                let scalar = try parseUnicodeEscape()
                i = position
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                position = i - 1
                throw failure("invalid escape '\\\(Character(Unicode.Scalar(escaped)))' in string")
            }
        }
        position = i
        throw failure("unterminated string")
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` when the first is a high surrogate.
    private mutating func parseUnicodeEscape() throws(FlatParseFailure) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800...0xDBFF).contains(first) {
            let bytes = buffer
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw failure("unpaired surrogate in \\u escape") }
            position += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("unpaired surrogate in \\u escape") }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value)!
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure("unpaired surrogate in \\u escape") }
        return scalar
    }

    private mutating func parseHex4() throws(FlatParseFailure) -> UInt32 {
        let bytes = buffer
        guard position + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for k in 0..<4 {
            let byte = bytes[position + k]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 4
        return value
    }

    /// A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(FlatParseFailure) -> FlatValue {
        let bytes = buffer
        let start = position
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        // Digits accumulate into `mantissa` while they fit exactly (Clinger's fast path needs < 2^53;
        // integers are kept exact up to UInt64.max for seeds). Below 10^18 no overflow check is needed.
        var mantissa: UInt64 = 0
        var overflow = false
        var fractionDigits = 0

        @inline(__always) func digit(_ k: Int) -> UInt64? {
            guard k < bytes.count else { return nil }
            let d = bytes[k] &- 0x30
            return d <= 9 ? UInt64(d) : nil
        }
        @inline(__always) func accumulate(_ d: UInt64) {
            if mantissa < 1_000_000_000_000_000_000 {
                mantissa = mantissa &* 10 &+ d
                return
            }
            let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(d)
            if overflow || o1 || o2 { overflow = true } else { mantissa = next }
        }

        guard let first = digit(i) else {
            position = i
            throw failure("invalid number")
        }
        if first == 0 {
            i += 1
            if digit(i) != nil {
                position = i
                throw failure("leading zero in number")
            }
        } else {
            while let d = digit(i) {
                accumulate(d)
                i += 1
            }
        }
        var isInteger = true
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard digit(i) != nil else {
                position = i
                throw failure("invalid number: digit expected after '.'")
            }
            while let d = digit(i) {
                accumulate(d)
                if !overflow { fractionDigits += 1 }
                i += 1
            }
        }
        var exponent = 0
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            isInteger = false
            i += 1
            var exponentNegative = false
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard digit(i) != nil else {
                position = i
                throw failure("invalid number: digit expected in exponent")
            }
            while let d = digit(i) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        position = i
        if isInteger && !overflow { return .integer(negative: negative, magnitude: mantissa) }

        let scale = exponent - fractionDigits
        if !overflow && mantissa < (1 << 53) && (-22...22).contains(scale) {
            let m = Double(mantissa)
            let value = scale < 0 ? m / powersOfTen[-scale] : m * powersOfTen[scale]
            return .number(negative ? -value : value)
        }
        let value = convertWithLibc(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        guard value.isFinite else {
            position = start
            throw failure("number out of range of a Double")
        }
        return .number(value)
    }

    /// Correctly rounded conversion for the numbers Clinger's fast path cannot take. The caller set the
    /// C numeric locale (`StreamReader` does), so a `,`-decimal user locale cannot change the result.
    private func convertWithLibc(_ literal: UnsafeRawBufferPointer) -> Double {
        if literal.count >= 64 { return Double(String(decoding: literal, as: UTF8.self)) ?? .nan }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { scratch in
            let raw = UnsafeMutableRawBufferPointer(scratch)
            raw.copyMemory(from: literal)
            scratch[literal.count] = 0
            return strtod(scratch.baseAddress!, nil)
        }
    }
}

private let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
}
