import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// Records from a pipe or other descriptor, e.g. standard input (`trainer | grokscope watch -`).
/// Reads only what `poll(2)` says is there, so it never blocks and never changes the descriptor's
/// flags (standard input may be shared with other processes). The UI must read its keys from
/// /dev/tty when standard input is the stream.
public final class DescriptorSource: RecordSource {
    public let descriptor: Int32
    public private(set) var status = SourceStatus.live
    public var diagnostics: StreamDiagnostics { reader.diagnostics }
    public var droppedCount: Int { 0 }

    private var reader: StreamReader
    private var atEnd = false
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    /// Bytes read per `poll()` at most, so a fast writer cannot starve the UI.
    private let budget = 16 << 20

    public init(descriptor: Int32 = 0, maxLineLength: Int = StreamReader.defaultMaxLineLength) {
        self.descriptor = descriptor
        self.reader = StreamReader(maxLineLength: maxLineLength)
    }

    deinit { buffer.deallocate() }

    /// The descriptor until end of input, then nil (a closed pipe stays readable forever).
    public var readinessDescriptor: Int32? { atEnd ? nil : descriptor }

    @discardableResult public func wait(timeout: Double) -> Bool {
        guard !atEnd else {
            sleepSeconds(max(0, timeout))
            return false
        }
        return waitReadable(descriptor, timeout: timeout)
    }

    public func poll() -> [Record] {
        var records: [Record] = []
        var total = 0
        while !atEnd && total < budget && waitReadable(descriptor, timeout: 0) {
            let count = read(descriptor, buffer.baseAddress!, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }
                status = .failed(StreamIOError(.read, path: "descriptor \(descriptor)").description)
                atEnd = true
                break
            }
            if count == 0 {
                atEnd = true
                reader.finish(into: &records)
                if case .live = status { status = .endOfInput }
                break
            }
            total += count
            reader.consume(UnsafeRawBufferPointer(rebasing: buffer[..<count]), into: &records)
        }
        for record in records {
            if case .end(let end) = record { status = .ended(end.status) }
        }
        return records
    }
}
