#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether two paths a user gave name one file, for every check that refuses two outputs on the same
/// file (`--log X --checkpoint X`, `report R --csv R`; docs/limits.md).
public enum FileIdentity {
    /// Equal after removing `.` components and repeated slashes, or, when both exist, the same device
    /// and inode of a regular file (a symlink or hard link to the other).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        if normalized(a) == normalized(b) { return true }
        var x = stat()
        var y = stat()
        guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
        return x.st_dev == y.st_dev && x.st_ino == y.st_ino && x.st_mode & S_IFMT == S_IFREG
    }

    static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
