import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one stream file incrementally without holding a descriptor between reads: each `read`
/// opens the file, takes what was appended since the last offset (up to a byte budget) and closes it,
/// so a folder of 1 000 runs costs no descriptors at rest. A file that shrank or was replaced (other
/// inode) is read again from its start. Torn last lines wait in the `StreamReader`.
struct StreamCursor {
    let path: String
    private var reader = StreamReader()
    private var offset: Int64 = 0
    private var inode: UInt64?
    /// Bytes read by the last `read`.
    private(set) var lastReadBytes = 0

    init(path: String) { self.path = path }

    enum Outcome: Equatable {
        /// Read what there was (maybe nothing); `more` when it stopped at the budget.
        case read(more: Bool)
        case missing
        case failed(String)
    }

    mutating func read(budget: Int, buffer: UnsafeMutableRawBufferPointer, into records: inout [Record]) -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return errno == ENOENT ? .missing : .failed("cannot open \(UntrustedText(path)) (errno \(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed("cannot stat \(UntrustedText(path))") }
        if Int64(info.st_size) < offset || (inode != nil && inode != UInt64(info.st_ino)) {
            reader = StreamReader()
            offset = 0
        }
        inode = UInt64(info.st_ino)
        lastReadBytes = 0
        var left = budget
        while left > 0 {
            let count = pread(fd, buffer.baseAddress!, min(buffer.count, left), off_t(offset))
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failed("cannot read \(UntrustedText(path)) (errno \(errno))") }
            if count == 0 { return .read(more: false) }
            offset += Int64(count)
            left -= count
            lastReadBytes += count
            reader.consume(UnsafeRawBufferPointer(rebasing: buffer[..<count]), into: &records)
        }
        return .read(more: Int64(info.st_size) > offset)
    }
}
