import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// Follows a stream file another process is still writing (`grokscope watch run.ndjson`).
///
/// - a torn last line waits for its rest;
/// - a file that shrinks (truncated) is read again from its start; a path that names a new file
///   (rotated, recreated) is reopened after the old file is read to its end — both counted in
///   `restarts` and `diagnostics.restarts`;
/// - a missing file is waited for (`status == .waitingForFile`);
/// - garbage lines are skipped and counted by the `StreamReader`.
/// Wakes on inotify events for the file's directory, with a `pollInterval` safety net; no busy loop.
public final class FileTailSource: RecordSource {
    public enum StartPosition: Sendable {
        case beginning
        /// Only what is written from now on (the header is still read from the first line).
        case end
    }

    public let path: String
    public let pollInterval: Double
    public private(set) var status: SourceStatus
    public private(set) var restarts: [RestartReason] = []
    public var diagnostics: StreamDiagnostics { reader.diagnostics }
    public var droppedCount: Int { 0 }
    public private(set) var isCaughtUp = false
    /// Bytes of an unfinished last line (no newline yet).
    public var pendingByteCount: Int { reader.pendingByteCount }

    private var start: StartPosition
    private var reader: StreamReader
    private var descriptor: Int32 = -1
    private var identity: (device: UInt64, inode: UInt64)?
    private var offset: Int64 = 0
    /// Bytes to drop up to the next newline (opened at the end of a file mid-line).
    private var skippingToNewline = false
    private let watch: DirectoryWatch?
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    /// At most this many bytes are decoded per `poll()`; poll again while records keep coming.
    public var maxBytesPerPoll = 16 << 20

    public init(
        path: String, from start: StartPosition = .beginning, pollInterval: Double = 0.25,
        maxLineLength: Int = StreamReader.defaultMaxLineLength
    ) {
        self.path = path
        self.start = start
        self.pollInterval = pollInterval
        self.reader = StreamReader(maxLineLength: maxLineLength)
        self.status = .waitingForFile(path: path)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        self.watch = DirectoryWatch(directory: directory)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
    }

    public var readinessDescriptor: Int32? { watch?.descriptor }

    @discardableResult public func wait(timeout: Double) -> Bool {
        let limit = min(timeout, pollInterval)
        guard let watch else {
            sleepSeconds(limit)
            return false
        }
        return waitReadable(watch.descriptor, timeout: limit)
    }

    public func poll() -> [Record] {
        watch?.drain()  // before reading, so an append during this poll wakes the next wait
        var records: [Record] = []
        if descriptor < 0 && !openFile(into: &records) { return records }
        if let info = fileStatus(descriptor), Int64(info.st_size) < offset { restart(.truncated) }
        isCaughtUp = false
        if readToEnd(into: &records) { return records }  // more to read: the caller polls again
        isCaughtUp = true
        if let info = pathStatus(), identity.map({ $0 != (UInt64(info.st_dev), UInt64(info.st_ino)) }) ?? false {
            // The old file is read to its end; its last records go out alone, the new file's on the next
            // poll, so a consumer that starts over on `restarts` never mixes two runs.
            if !records.isEmpty {
                updateStatus(with: records)
                isCaughtUp = false
                return records
            }
            close(descriptor)
            descriptor = -1
            restart(.replaced)
            start = .beginning
            isCaughtUp = false
            if openFile(into: &records) { isCaughtUp = !readToEnd(into: &records) }
        }
        updateStatus(with: records)
        return records
    }

    // MARK: - File handling

    private func openFile(into records: inout [Record]) -> Bool {
        // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            status =
                errno == ENOENT
                ? .waitingForFile(path: path) : .failed(StreamIOError(.openForReading, path: path).description)
            return false
        }
        if let info = fileStatus(fd), info.st_mode & S_IFMT != S_IFREG {
            close(fd)
            status = .failed(Self.notAFile(path, mode: info.st_mode))
            return false
        }
        descriptor = fd
        offset = 0
        skippingToNewline = false
        if let info = fileStatus(fd) {
            identity = (UInt64(info.st_dev), UInt64(info.st_ino))
            if start == .end && info.st_size > 0 { seekToEnd(size: Int64(info.st_size), into: &records) }
        }
        status = .live
        return true
    }

    /// Starts at the end of the file: delivers the header from the first line, then skips to the end,
    /// dropping a partial line if the writer is in the middle of one.
    private func seekToEnd(size: Int64, into records: inout [Record]) {
        let firstLength = pread(descriptor, buffer.baseAddress!, buffer.count, 0)
        if firstLength > 0, let newline = buffer[..<firstLength].firstIndex(of: 0x0A) {
            let line = [UInt8](buffer[...newline])
            if case .record(.header) = RecordDecoder.decode(bytes: line) {
                records += line.withUnsafeBytes { raw in
                    var out: [Record] = []
                    reader.consume(raw, into: &out)
                    return out
                }
            }
        }
        var last: UInt8 = 0
        _ = pread(descriptor, &last, 1, off_t(size - 1))
        offset = size
        skippingToNewline = last != 0x0A
    }

    /// Reads what the file has, up to `maxBytesPerPoll` (a 10^6-record log arrives in slices, so the
    /// reader never holds all of it as records at once). Returns whether it stopped at the budget.
    @discardableResult
    private func readToEnd(into records: inout [Record]) -> Bool {
        guard descriptor >= 0 else { return false }
        var budget = maxBytesPerPoll
        while true {
            if budget <= 0 { return true }
            let count = pread(descriptor, buffer.baseAddress!, min(buffer.count, budget), off_t(offset))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += Int64(count)
            budget -= count
            var chunk = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            if skippingToNewline {
                guard let newline = chunk.firstIndex(of: 0x0A) else { continue }
                skippingToNewline = false
                chunk = UnsafeRawBufferPointer(rebasing: chunk[(newline + 1)...])
            }
            reader.consume(chunk, into: &records)
        }
    }

    private func restart(_ reason: RestartReason) {
        reader.restart()
        restarts.append(reason)
        offset = 0
        skippingToNewline = false
    }

    private func updateStatus(with records: [Record]) {
        for record in records {
            switch record {
            case .end(let end): status = .ended(end.status)
            case .header: status = .live
            default: break
            }
        }
    }

    static func notAFile(_ path: String, mode: mode_t) -> String {
        let shown = UntrustedText(path)
        switch mode & S_IFMT {
        case S_IFDIR: return "'\(shown)' is a directory, not a stream file; name the .ndjson file inside it"
        case S_IFIFO:
            return "'\(shown)' is a FIFO (named pipe); read it as standard input: grokscope watch - < \(shown)"
        case S_IFCHR, S_IFBLK:
            return "'\(shown)' is a device, not a stream file; read it as standard input: grokscope watch - < \(shown)"
        default: return "'\(shown)' is not a regular file; give a stream file or - for standard input"
        }
    }

    private func fileStatus(_ fd: Int32) -> stat? {
        var info = stat()
        return fstat(fd, &info) == 0 ? info : nil
    }

    private func pathStatus() -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }
}
