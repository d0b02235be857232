/// A reader of the protocol-buffer wire format, enough for TensorBoard's `Event` and `Summary`
/// messages (tensorflow/core/util/event.proto, framework/summary.proto). Unknown fields are skipped, so
/// newer writers still read; anything malformed throws instead of reading past the message.
struct ProtobufReader {
    enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    /// The next field's number and wire type, or nil at the end of the message.
    mutating func nextField() throws -> (number: UInt64, type: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        guard let type = WireType(rawValue: key & 7) else { throw Malformed(description: "wire type \(key & 7)") }
        guard key >> 3 > 0 else { throw Malformed(description: "field number 0") }
        return (key >> 3, type)
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard index < bytes.endIndex else { throw Malformed(description: "varint runs past the message") }
            let byte = bytes[index]
            index += 1
            guard shift < 64 else { throw Malformed(description: "varint longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
        }
        throw Malformed(description: "varint longer than 10 bytes")
    }

    mutating func fixed32() throws -> UInt32 {
        let raw = try take(4)
        return raw.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    mutating func fixed64() throws -> UInt64 {
        let raw = try take(8)
        return raw.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    mutating func lengthDelimited() throws -> ArraySlice<UInt8> {
        let length = try varint()
        guard length <= UInt64(bytes.endIndex - index) else {
            throw Malformed(description: "length \(length) runs past the message")
        }
        return try take(Int(length))
    }

    mutating func skip(_ type: WireType) throws {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try take(8)
        case .fixed32: _ = try take(4)
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup, .endGroup: throw Malformed(description: "groups are not used by TensorBoard messages")
        }
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count <= bytes.endIndex - index else { throw Malformed(description: "field runs past the message") }
        defer { index += count }
        return bytes[index..<(index + count)]
    }
}
