/// The value of a one-element numeric `TensorProto` (tensorflow/core/framework/tensor.proto), as
/// `tf.summary.scalar`, Keras and `add_scalar(new_style=True)` write them. Anything else (strings,
/// histograms, tensors of several elements) is not a scalar: `nil`.
public enum TensorScalar {
    /// DataType values from types.proto.
    private enum DType: UInt64 {
        case float = 1, double = 2, int32 = 3, int64 = 9, bfloat16 = 14, half = 19
    }

    public static func decode(_ bytes: ArraySlice<UInt8>) throws -> Double? {
        var reader = ProtobufReader(bytes)
        var dtype: DType?
        var elements = 1
        var content: ArraySlice<UInt8>?
        var values: [Double] = []
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (1, .varint): dtype = DType(rawValue: try reader.varint())
            case (2, .lengthDelimited): elements = try elementCount(try reader.lengthDelimited())
            case (4, .lengthDelimited): content = try reader.lengthDelimited()
            case (5, _):
                values += try repeated(&reader, field.type, packing: .fixed32) {
                    Double(Float(bitPattern: UInt32(truncatingIfNeeded: $0)))
                }
            case (6, _): values += try repeated(&reader, field.type, packing: .fixed64) { Double(bitPattern: $0) }
            case (7, _), (10, _):
                values += try repeated(&reader, field.type, packing: .varint) { Double(Int64(bitPattern: $0)) }
            case (13, _):
                let bfloat = dtype == .bfloat16
                values += try repeated(&reader, field.type, packing: .varint) {
                    halfBits(UInt16(truncatingIfNeeded: $0), bfloat: bfloat)
                }
            default: try reader.skip(field.type)
            }
        }
        guard let dtype, elements == 1 else { return nil }
        if let content { return fromContent(content, dtype) }
        return values.count == 1 ? values[0] : nil
    }

    /// `TensorShapeProto { repeated Dim dim = 2; }`, `Dim { int64 size = 1; }`: the product of sizes.
    private static func elementCount(_ bytes: ArraySlice<UInt8>) throws -> Int {
        var reader = ProtobufReader(bytes)
        var count = 1
        while let field = try reader.nextField() {
            guard field.number == 2, field.type == .lengthDelimited else {
                try reader.skip(field.type)
                continue
            }
            var dim = ProtobufReader(try reader.lengthDelimited())
            var size: Int64 = 1
            while let inner = try dim.nextField() {
                if inner.number == 1, inner.type == .varint {
                    size = Int64(bitPattern: try dim.varint())
                } else {
                    try dim.skip(inner.type)
                }
            }
            // Anything but exactly one element is "not a scalar"; never multiply untrusted sizes.
            if size != 1 { count = 2 }
        }
        return count
    }

    /// How the elements of a packed run are encoded.
    private enum Packing { case fixed32, fixed64, varint }

    /// Packed (one length-delimited run) or unpacked (one value per field) repeated numbers.
    private static func repeated(
        _ reader: inout ProtobufReader, _ type: ProtobufReader.WireType, packing: Packing,
        _ convert: (UInt64) -> Double
    ) throws -> [Double] {
        switch type {
        case .fixed32: return [convert(UInt64(try reader.fixed32()))]
        case .fixed64: return [convert(try reader.fixed64())]
        case .varint: return [convert(try reader.varint())]
        case .lengthDelimited:
            var packed = ProtobufReader(try reader.lengthDelimited())
            var out: [Double] = []
            while !packed.isAtEnd {
                switch packing {
                case .fixed32: out.append(convert(UInt64(try packed.fixed32())))
                case .fixed64: out.append(convert(try packed.fixed64()))
                case .varint: out.append(convert(try packed.varint()))
                }
            }
            return out
        case .startGroup, .endGroup:
            try reader.skip(type)
            return []
        }
    }

    private static func fromContent(_ raw: ArraySlice<UInt8>, _ dtype: DType) -> Double? {
        func little(_ width: Int) -> UInt64? {
            guard raw.count == width else { return nil }
            return raw.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        switch dtype {
        case .float: return little(4).map { Double(Float(bitPattern: UInt32($0))) }
        case .double: return little(8).map { Double(bitPattern: $0) }
        case .int32: return little(4).map { Double(Int32(bitPattern: UInt32($0))) }
        case .int64: return little(8).map { Double(Int64(bitPattern: $0)) }
        case .half: return little(2).map { halfBits(UInt16($0), bfloat: false) }
        case .bfloat16: return little(2).map { halfBits(UInt16($0), bfloat: true) }
        }
    }

    /// IEEE half or bfloat16 bits to Double, without relying on `Float16` (not on every platform).
    public static func halfBits(_ bits: UInt16, bfloat: Bool) -> Double {
        if bfloat { return Double(Float(bitPattern: UInt32(bits) << 16)) }
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
