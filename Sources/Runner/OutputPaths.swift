import Foundation
import Publishing
import Snapshots

/// A path option that cannot be used as given (docs/limits.md, "Output paths"); the executable turns
/// it into a usage error.
public struct OutputPathError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The files of a run checked before training starts: no two options name the same file, and the
/// checkpoint path can be written.
public enum OutputPaths {
    /// Throws when two of the named paths are the same file (two spellings of one path, or two names
    /// of one regular file's inode, e.g. through a symlink). Absent paths are skipped.
    public static func refuseCollisions(_ named: [(option: String, path: String?)]) throws(OutputPathError) {
        let present = named.compactMap { item in item.path.map { (item.option, $0) } }
        for (i, a) in present.enumerated() {
            for b in present[(i + 1)...] where FileIdentity.sameFile(a.1, b.1) {
                throw OutputPathError(
                    "\(a.0) and \(b.0) name the same file '\(UntrustedText(a.1))'; give each its own path")
            }
        }
    }

    /// A checkpoint is replaced atomically (temp file + rename), so it must be a regular file (or not
    /// exist yet) in a writable directory. Returns the path to write: a symlink's target.
    public static func checkCheckpointPath(_ path: String, option: String) throws(OutputPathError) -> String {
        var info = stat()
        var resolved = path
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw OutputPathError(
                    "\(option) '\(UntrustedText(path))' is not a regular file (a checkpoint replaces its file); choose a file name"
                )
            }
            if let real = realpath(path, nil) {
                resolved = String(cString: real)
                free(real)
            }
        }
        let slash = resolved.lastIndex(of: "/")
        let directory = slash.map { $0 == resolved.startIndex ? "/" : String(resolved[..<$0]) } ?? "."
        guard access(directory, W_OK | X_OK) == 0 else {
            throw OutputPathError(
                "\(option): cannot write into '\(UntrustedText(directory))': \(String(cString: strerror(errno))). Choose a path you may write to."
            )
        }
        return resolved
    }
}
