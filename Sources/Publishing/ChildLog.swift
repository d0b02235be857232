import Foundation
import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// A child's standard error: every byte appended to a file next to the run, and the last lines kept for
/// the dashboard's log pane. A reader thread drains the pipe at once, so a chatty trainer never blocks on
/// a full pipe. Lines are kept raw; whoever shows them sanitizes them.
/// `@unchecked Sendable`: the lines are guarded by a lock.
public final class ChildLog: @unchecked Sendable {
    public let path: String
    /// Lines kept for the pane, and the longest kept line (longer ones are cut, the file keeps all).
    public static let keptLines = 200
    public static let maxLineLength = 1_000

    private let fileDescriptor: Int32
    private let lock = NSLock()
    private var lines: [String] = []
    private var partial: [UInt8] = []
    private var changes = 0
    private var finished = false

    public init(path: String) throws {
        fileDescriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fileDescriptor >= 0 else {
            throw ChildProcessError(
                "cannot write the trainer's log \(UntrustedText(path)): \(String(cString: strerror(errno))); choose a path you may write to"
            )
        }
        self.path = path
    }

    deinit { close(fileDescriptor) }

    /// The last `count` complete lines, plus the line being written if any.
    public func lastLines(_ count: Int) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        var out = Array(lines.suffix(count))
        if !partial.isEmpty {
            out.append(String(decoding: partial, as: UTF8.self))
            if out.count > count { out.removeFirst() }
        }
        return out
    }

    /// Grows whenever something new arrived (the UI redraws the pane only then).
    public var version: Int {
        lock.lock()
        defer { lock.unlock() }
        return changes
    }

    /// True once the pipe reached its end (the child and everything it started closed stderr).
    public var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// Adds bytes as if the child had written them (the reader thread; tests).
    public func append(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }  // a full disk loses the file copy, never the pane
            offset += n
        }
        lock.lock()
        defer { lock.unlock() }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lines.append(String(decoding: partial, as: UTF8.self))
                partial.removeAll(keepingCapacity: true)
                if lines.count > Self.keptLines * 2 { lines.removeFirst(lines.count - Self.keptLines) }
            } else if byte == UInt8(ascii: "\r") {
                partial.removeAll(keepingCapacity: true)  // a progress bar redraws its line: keep the latest
            } else if partial.count < Self.maxLineLength {
                partial.append(byte)
            }
        }
        changes += 1
    }

    func start(reading descriptor: Int32) {
        let reader = Thread { [self] in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
            defer {
                buffer.deallocate()
                close(descriptor)
            }
            while true {
                let n = read(descriptor, buffer.baseAddress!, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                append(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
            }
            lock.lock()
            finished = true
            changes += 1
            lock.unlock()
        }
        reader.name = "grokscope-child-stderr"
        reader.start()
    }
}
