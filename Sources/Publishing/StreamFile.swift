import Snapshots

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading a finished stream file at once (replay, report): big reads, no per-line system calls.
public enum StreamFile {
    public static let chunkSize = 4 << 20

    /// Every record of the file, and what was skipped. A last line without newline is taken if it is a
    /// complete record (a writer killed mid-line leaves an incomplete one: counted, not misread).
    public static func readAll(path: String, maxLineLength: Int = StreamReader.defaultMaxLineLength)
        throws(StreamIOError) -> (records: [Record], diagnostics: StreamDiagnostics)
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StreamIOError(.openForReading, path: path) }
        defer { close(fd) }
        var reader = StreamReader(maxLineLength: maxLineLength)
        var records: [Record] = []
        var info = stat()
        if fstat(fd, &info) == 0 { records.reserveCapacity(Int(info.st_size) / 160) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress!, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw StreamIOError(.read, path: path)
            }
            if count == 0 { break }
            reader.consume(UnsafeRawBufferPointer(rebasing: buffer[..<count]), into: &records)
        }
        reader.finish(into: &records)
        return (records, reader.diagnostics)
    }
}
