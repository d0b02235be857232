#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a finished output (CSV, SVG, a rewritten log) to a path the user named, the way that path
/// wants it (docs/limits.md, "Output paths"):
/// - `-`, `/dev/stdout`, `/dev/fd/N`: that descriptor of this process, at its current position;
/// - a character device, FIFO or socket (`/dev/stdout`, `/dev/null`, a pipe): written through, never
///   replaced — renaming a temp file over `/dev/stdout` would replace the device node;
/// - a regular file or a new name: atomically (temp file in the same directory, fsync, rename), so a
///   reader never sees half a file and a failed write leaves the old one;
/// - a symbolic link is followed deliberately: the file it points to is replaced atomically, the link
///   stays; a dangling link or a directory is refused.
public enum OutputFile {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let problem: String
        public var description: String { "cannot write '\(path)': \(problem)" }
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        if let fd = descriptorName(path) { return try writeThrough(bytes, descriptor: fd, path: path) }
        var target = stat()
        if stat(path, &target) == 0 {
            switch target.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw Failure(path: path, problem: "it is a directory; give a file name")
            default:  // character device, FIFO, socket: write into it, never replace it
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw failure(path, "open") }
                defer { close(fd) }
                return try writeThrough(bytes, descriptor: fd, path: path)
            }
        } else if errno != ENOENT {
            throw failure(path, "stat")
        }
        var link = stat()
        var destination = path
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw Failure(
                    path: path, problem: "it is a symbolic link to a missing file; remove it or name the target")
            }
            destination = String(cString: resolved)
            free(resolved)
        }
        try replaceAtomically(bytes, at: destination, named: path)
    }

    /// `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the process's own descriptor,
    /// written at its current position even when it is a regular file (`report --csv /dev/stdout > f`
    /// must append to f after the summary, not replace f).
    public static func descriptorName(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    private static func replaceAtomically(_ bytes: [UInt8], at path: String, named name: String) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory)/.\(base).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(name, "create a temporary file in '\(directory)'") }
        do throws(Failure) {
            try writeThrough(bytes, descriptor: fd, path: name)
            guard fsync(fd) == 0 else { throw failure(name, "fsync") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = failure(name, "rename the temporary file")
            unlink(temporary)
            throw error
        }
    }

    private static func writeThrough(_ bytes: [UInt8], descriptor: Int32, path: String) throws(Failure) {
        fflush(nil)  // what the caller printed to stdout comes first (the path may be stdout itself)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path, "write")
            }
            offset += written
        }
    }

    private static func failure(_ path: String, _ step: String) -> Failure {
        Failure(path: path, problem: "\(step) failed: \(String(cString: strerror(errno)))")
    }
}
