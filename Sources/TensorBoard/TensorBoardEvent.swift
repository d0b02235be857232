/// One `Event` of a TensorBoard event file, reduced to what grokscope charts: its step, wall time and
/// scalar summaries. Histograms, images, graphs and text are skipped.
public struct TensorBoardEvent: Sendable, Equatable {
    public struct Scalar: Sendable, Equatable {
        public var tag: String
        public var value: Double

        public init(tag: String, value: Double) {
            self.tag = tag
            self.value = value
        }
    }

    public var wallTime: Double?
    public var step: Int
    /// Set on the first event of every file (`"brain.Event:2"`).
    public var fileVersion: String?
    public var scalars: [Scalar]

    /// Decodes one record payload; throws on a malformed message (the caller counts and skips it).
    public init(payload: [UInt8]) throws {
        var reader = ProtobufReader(payload[...])
        wallTime = nil
        step = 0
        fileVersion = nil
        scalars = []
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (1, .fixed64): wallTime = Double(bitPattern: try reader.fixed64())
            case (2, .varint): step = Int(Int64(bitPattern: try reader.varint()))
            case (3, .lengthDelimited): fileVersion = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            case (5, .lengthDelimited): scalars += try Self.summaryScalars(try reader.lengthDelimited())
            default: try reader.skip(field.type)
            }
        }
    }

    /// `Summary { repeated Value value = 1; }`
    private static func summaryScalars(_ bytes: ArraySlice<UInt8>) throws -> [Scalar] {
        var reader = ProtobufReader(bytes)
        var found: [Scalar] = []
        while let field = try reader.nextField() {
            if field.number == 1, field.type == .lengthDelimited {
                if let scalar = try value(try reader.lengthDelimited()) { found.append(scalar) }
            } else {
                try reader.skip(field.type)
            }
        }
        return found
    }

    /// `Summary.Value`: `tag = 1`, `simple_value = 2` (float) or `tensor = 8` (a one-element tensor).
    private static func value(_ bytes: ArraySlice<UInt8>) throws -> Scalar? {
        var reader = ProtobufReader(bytes)
        var tag: String?
        var number: Double?
        while let field = try reader.nextField() {
            switch (field.number, field.type) {
            case (1, .lengthDelimited): tag = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            case (2, .fixed32): number = Double(Float(bitPattern: try reader.fixed32()))
            case (8, .lengthDelimited): number = try TensorScalar.decode(try reader.lengthDelimited())
            default: try reader.skip(field.type)
            }
        }
        guard let tag, let number else { return nil }
        return Scalar(tag: tag, value: number)
    }
}
