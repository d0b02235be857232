#if canImport(Glibc)
    import Glibc
#endif

/// What one drain of the folder's inotify queue said: the `*.ndjson` files appended to, and whether the
/// folder itself changed (a file created, moved, removed; or the queue overflowed and lost events), in
/// which case only a full listing is right.
struct WatchEvents: Equatable {
    var modified: Set<String> = []
    var needsListing = false

    /// Parses a buffer of `struct inotify_event`s (16-byte header: wd, mask, cookie, len; then `len`
    /// bytes of NUL-padded name).
    mutating func parse(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 16 <= bytes.count {
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let end = min(bytes.count, offset + 16 + length)
            let name = String(decoding: bytes[(offset + 16)..<end].prefix { $0 != 0 }, as: UTF8.self)
            offset = end
            if mask & UInt32(IN_Q_OVERFLOW) != 0 || mask & UInt32(IN_IGNORED) != 0 {
                needsListing = true
            } else if mask & UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE) != 0 {
                needsListing = true
            } else if name.hasSuffix(".ndjson") && !name.hasPrefix(".") {
                modified.insert(name)  // IN_MODIFY, IN_CLOSE_WRITE
            }
        }
    }
}
