#if canImport(Glibc)
    import Glibc
#endif

/// inotify on a file's directory: readable when anything in it is created, written, renamed or removed.
/// Watching the directory (not the file) also sees a file that does not exist yet and rotation.
/// Events are only a hint to look again; `FileTailSource` re-checks the file itself each time.
final class DirectoryWatch {
    let descriptor: Int32

    init?(directory: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_ATTRIB)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Discards pending events (their content does not matter).
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }
}
