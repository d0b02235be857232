#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream file or descriptor could not be used: what was tried, on which path, the system's reason
/// and what to do about it.
public struct StreamIOError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Operation: String, Sendable {
        case openForWriting = "open for writing"
        case openForReading = "open for reading"
        case write, read
        case sync = "fsync"
    }

    let operation: Operation
    public let path: String
    /// The `errno` value.
    public let code: Int32

    init(_ operation: Operation, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The error of opening `path` for reading (or writing) failing with `code` (for messages and tests).
    public static func reading(path: String, code: Int32) -> StreamIOError {
        .init(.openForReading, path: path, code: code)
    }
    public static func writing(path: String, code: Int32) -> StreamIOError {
        .init(.openForWriting, path: path, code: code)
    }

    public var reason: String { String(cString: strerror(code)) }

    public var description: String {
        "cannot \(operation.rawValue) '\(path)': \(reason). \(hint)"
    }

    private var hint: String {
        switch code {
        case ENOENT:
            return operation == .openForWriting
                ? "Create the directory first or choose another path." : "Check the path, or wait for the writer."
        case EACCES, EPERM, EROFS:
            return operation == .openForReading || operation == .read
                ? "Check its permissions: you need read access to the file (and search access to its directories)."
                : "Choose a path you may write to, or fix its permissions."
        case ENOSPC, EDQUOT: return "Free some disk space; records written meanwhile are lost."
        case EISDIR: return "The path is a directory; give a file name."
        default: return "Check the path and try again."
        }
    }
}
