/// Writing JSON text by hand for the record shapes we know: faster than building dictionaries for
/// `JSONSerialization`, and deterministic. Every line is checked against Foundation in the tests.
enum JSONText {
    /// A finite Double in the shortest form that reads back to the same value (`0.1`, `1e-05`, `2.0`):
    /// Swift's `description` already is valid JSON for finite values.
    static func numberText(_ x: Double) -> String {
        x.isFinite ? x.description : (x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf"))
    }

    static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        if x.isFinite {
            out.append(contentsOf: x.description.utf8)
        } else {
            out.append(contentsOf: "null".utf8)
        }
    }

    static func appendInteger<T: BinaryInteger>(_ value: T, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude == 0 {
            out.append(UInt8(ascii: "0"))
            return
        }
        let first = out.count
        while magnitude > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        out[first...].reverse()
    }

    /// A quoted string. Escapes what JSON requires (`"`, `\`, C0) and, so that `cat` of a stream can
    /// never move a terminal, DEL, C1 controls and U+2028/U+2029 as well.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        var pendingLead: UInt8?  // a 0xC2 or 0xE2 lead byte waiting for its continuation
        var pendingE2Second: UInt8?
        while let byte = utf8.next() {
            if let lead = pendingLead {
                pendingLead = nil
                if lead == 0xC2 && (0x80...0x9F).contains(byte) {
                    appendUnicodeEscape(UInt32(byte), to: &out)
                    continue
                }
                if lead == 0xE2 && byte == 0x80 {
                    pendingE2Second = byte
                    continue
                }
                out.append(lead)
            }
            if let second = pendingE2Second {
                pendingE2Second = nil
                if byte == 0xA8 || byte == 0xA9 {
                    appendUnicodeEscape(0x2000 | UInt32(byte - 0x80), to: &out)
                    continue
                }
                out.append(0xE2)
                out.append(second)
            }
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F: appendUnicodeEscape(UInt32(byte), to: &out)
            case 0xC2, 0xE2: pendingLead = byte
            default: out.append(byte)
            }
        }
        if let lead = pendingLead { out.append(lead) }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
