/// A 64-byte aligned, zeroed buffer owned by the LMN fast path (cache-line aligned rows for SIMD and
/// BLAS; freed with its owner).
final class LMNAlignedBuffer<Element: BinaryFloatingPoint> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int) {
        self.count = max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: self.count * MemoryLayout<Element>.stride, alignment: 64)
        pointer = raw.initializeMemory(as: Element.self, repeating: 0, count: self.count)
    }

    deinit { pointer.deallocate() }
}

typealias LMNBuffer = LMNAlignedBuffer<Double>
/// For the single-precision product of the residual path.
typealias LMNFloatBuffer = LMNAlignedBuffer<Float>

/// Widths padded to whole SIMD8 chunks / BLAS-friendly multiples of 8.
@inline(__always) func paddedWidth(_ width: Int) -> Int { (width + 7) & ~7 }

/// Shapes of one tail, padded: the buffers of a calculator are valid while the shape stays the same.
struct LMNShape: Equatable {
    var widths: [Int]  // layer output widths, widths[0] = first layer (commuted) outputs
    var inputWidth: Int
    var activations: [String]

    init(_ tail: NetworkTail) {
        widths = tail.layers.map(\.outputs)
        inputWidth = tail.inputWidth
        activations = tail.layers.map { $0.activation?.rawValue ?? "affine" }
    }

    var strides: [Int] { widths.map(paddedWidth) }
}
