import Foundation

/// Crash-safe replacement of a file's contents: temp file in the same directory, fsync, rename,
/// then fsync of the directory so the rename itself is durable.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).tmp-\(getpid())"
        func failure(_ what: String) -> SafetensorsError {
            SafetensorsError(
                path: path, problem: "\(what) failed: \(String(cString: strerror(errno)))",
                fix: "Check that the directory exists, is writable and has free space.")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw failure("creating \(temporary)") }
        var written = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        guard ok, fsync(descriptor) == 0 else {
            let error = failure("writing \(temporary)")
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure("renaming \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
        let directoryDescriptor = open(directory, O_RDONLY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
