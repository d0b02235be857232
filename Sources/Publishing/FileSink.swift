import Snapshots

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes records to a file (or a descriptor such as standard output), one complete line per
/// `write(2)`, so a reader tailing the file never sees half a line from a healthy writer. There is no
/// user-space buffer: each record is in the kernel when `write` returns; `sync` decides how often it
/// is forced to disk. Never throws on the training path: the first error is kept in `firstError` and
/// reported once to `onFirstError` (the run stops on it). A line that could not be written completely
/// is cut off again (regular files), so a failed write never leaves a torn last line.
public final class FileSink: RecordSink {
    public enum SyncPolicy: Sendable {
        /// Leave it to the kernel (fastest; a machine crash may lose the last seconds).
        case never
        /// `fsync` after every record (slow on most disks).
        case everyRecord
        /// `fsync` when the end record is written and on `flush()`.
        case onEnd
    }

    public enum ExistingFile: Sendable {
        case truncate, append
    }

    public let path: String
    public let sync: SyncPolicy
    public private(set) var firstError: StreamIOError?
    /// Records that could not be written completely.
    public private(set) var failedWrites = 0
    public private(set) var recordsWritten = 0
    /// Called once, on the writer's thread, with the first write or sync error (e.g. to stop training).
    public var onFirstError: ((StreamIOError) -> Void)?

    private var descriptor: Int32
    private let ownsDescriptor: Bool
    private var line: [UInt8] = []

    /// Opens (creating) `path`. Throws a `StreamIOError` that says why and what to do.
    public init(path: String, sync: SyncPolicy = .onEnd, existing: ExistingFile = .truncate) throws(StreamIOError) {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (existing == .append ? O_APPEND : O_TRUNC)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw StreamIOError(.openForWriting, path: path) }
        self.path = path
        self.sync = sync
        self.descriptor = fd
        self.ownsDescriptor = true
        line.reserveCapacity(1024)
    }

    /// Writes to an open descriptor, e.g. `FileSink(descriptor: 1, name: "<stdout>")`; not closed here.
    public init(descriptor: Int32, name: String, sync: SyncPolicy = .never) {
        self.path = name
        self.sync = sync
        self.descriptor = descriptor
        self.ownsDescriptor = false
    }

    deinit { close() }

    public func write(_ record: Record) {
        guard descriptor >= 0 else { return }
        line.removeAll(keepingCapacity: true)
        RecordEncoder.append(record, to: &line)
        let before = ownsDescriptor ? lseek(descriptor, 0, SEEK_END) : -1  // our file: lines go at its end
        if !writeAll(line) {
            failedWrites += 1
            if before >= 0 { _ = ftruncate(descriptor, before) }  // no torn line (fails harmlessly on devices)
            return
        }
        recordsWritten += 1
        switch (sync, record) {
        case (.everyRecord, _), (.onEnd, .end): syncToDisk()
        default: break
        }
    }

    public func flush() {
        if sync != .never { syncToDisk() }
    }

    /// Flushes (per policy) and closes; later writes are ignored.
    public func close() {
        guard descriptor >= 0 else { return }
        flush()
        if ownsDescriptor { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    remember(StreamIOError(.write, path: path))
                    return false
                }
                offset += written
            }
            return true
        }
    }

    private func syncToDisk() {
        if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS {  // pipes and ttys cannot sync
            remember(StreamIOError(.sync, path: path))
        }
    }

    private func remember(_ error: StreamIOError) {
        guard firstError == nil else { return }
        firstError = error
        onFirstError?(error)
    }
}
