import Foundation

/// A safetensors file (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
/// length n, n bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__":
/// {string: string}}` padded with spaces to a multiple of 8, then the little-endian tensor bytes.
/// `F32` and `F64` tensors are supported (what the engine stores in its two precisions).
public struct SafetensorsFile: Equatable, Sendable {
    public struct Tensor: Equatable, Sendable {
        public var shape: [Int]
        /// `.f32` (dtype F32) or `.f64` (dtype F64).
        public private(set) var dtype: Precision
        /// The values, widened to `Double` (exact for F32).
        public private(set) var storage: [Double]

        /// An F32 tensor.
        public init(shape: [Int], values: [Float]) {
            self.init(shape: shape, scalars: values)
        }

        /// A tensor of dtype F32 or F64 after `Scalar`.
        public init<Scalar: EngineScalar>(shape: [Int], scalars values: [Scalar]) {
            precondition(
                shape.reduce(1, *) == values.count, "Tensor: shape \(shape) does not match \(values.count) values")
            self.shape = shape
            self.dtype = Scalar.precision
            self.storage = values.map(Double.init)
        }

        /// The values as float32 (rounded if the tensor is F64).
        public var values: [Float] { storage.map(Float.init) }

        /// The values in `Scalar`, or `nil` when the tensor's dtype is another precision.
        public func values<Scalar: EngineScalar>(as _: Scalar.Type) -> [Scalar]? {
            dtype == Scalar.precision ? storage.map { Scalar($0) } : nil
        }

        var byteWidth: Int { dtype == .f32 ? 4 : 8 }
    }

    public var tensors: [String: Tensor]
    public var metadata: [String: String]

    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The file's bytes; tensors are laid out in name order.
    public func encoded() throws -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let size = tensor.storage.count * tensor.byteWidth
            header[name] = [
                "dtype": tensor.dtype.dtype, "shape": tensor.shape, "data_offsets": [offset, offset + size],
            ]
            offset += size
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            let tensor = tensors[name]!
            if tensor.dtype == .f32 {
                let littleEndian = tensor.storage.map { Float($0).bitPattern.littleEndian }
                littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
            } else {
                let littleEndian = tensor.storage.map { $0.bitPattern.littleEndian }
                littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Parses and validates a file's bytes; `path` only labels errors.
    public init(data: Data, path: String = "<memory>") throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw SafetensorsError.corrupt(path, "only \(bytes.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard headerLength <= UInt64(bytes.count - 8), headerLength <= 100_000_000 else {
            throw SafetensorsError.corrupt(
                path, "header claims \(headerLength) bytes but the file has \(bytes.count - 8) after the length")
        }
        let dataStart = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
            throw SafetensorsError.corrupt(path, "the JSON header does not parse as an object")
        }
        let dataSize = bytes.count - dataStart
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        var covered = 0
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let values = entry as? [String: String] else {
                    throw SafetensorsError.corrupt(path, "__metadata__ is not a map of strings")
                }
                metadata = values
                continue
            }
            guard let fields = entry as? [String: Any], let dtype = fields["dtype"] as? String,
                let shape = fields["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }),
                let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
            else { throw SafetensorsError.corrupt(path, "tensor '\(name)' lacks a valid dtype, shape or data_offsets") }
            guard dtype == "F32" || dtype == "F64" else {
                throw SafetensorsError(
                    path: path, problem: "tensor '\(name)' has dtype \(dtype)",
                    fix: "Only F32 and F64 tensors are supported; convert the file to float32 or float64.")
            }
            let width = dtype == "F32" ? 4 : 8
            let (begin, end) = (offsets[0], offsets[1])
            // Checked: a hostile shape such as [2^62, 4] must not overflow (docs/limits.md).
            let count = shape.reduce(Int?(1)) { product, n in
                product.flatMap { p in
                    let (r, o) = p.multipliedReportingOverflow(by: n); return o ? nil : r
                }
            }
            guard let count, count <= dataSize / width else {
                throw SafetensorsError.corrupt(
                    path,
                    "tensor '\(name)' has shape \(shape), more values than the \(dataSize)-byte data section holds")
            }
            guard begin >= 0, begin <= end, end - begin == count * width, end <= dataSize else {
                throw SafetensorsError.corrupt(
                    path, "tensor '\(name)' needs bytes \(begin)..<\(end) but the data section has \(dataSize) bytes")
            }
            func word(_ i: Int) -> UInt64 {
                let at = dataStart + begin + width * i
                return (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
            }
            tensors[name] =
                width == 4
                ? Tensor(shape: shape, scalars: (0..<count).map { Float(bitPattern: UInt32(word($0))) })
                : Tensor(shape: shape, scalars: (0..<count).map { Double(bitPattern: word($0)) })
            covered += end - begin
        }
        guard covered == dataSize else {
            throw SafetensorsError.corrupt(path, "tensors cover \(covered) bytes but the data section has \(dataSize)")
        }
        self.init(tensors: tensors, metadata: metadata)
    }

    public static func read(from path: String) throws -> SafetensorsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SafetensorsError(
                path: path, problem: "cannot be read", fix: "Check that the file exists and is readable.")
        }
        return try SafetensorsFile(data: data, path: path)
    }

    /// Writes atomically: a temporary file beside the target, fsync, then rename over it, so a crash
    /// leaves either the old file or the new one, never a torn mix.
    public func write(to path: String) throws {
        try AtomicFile.write(try encoded(), to: path)
    }
}
