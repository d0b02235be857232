import Phases
import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// Feeds a `RunsTable` from a folder of NDJSON streams (a sweep's `--out`, a shared cluster folder):
/// new `*.ndjson` files become rows as they appear, a removed file's row is marked deleted (not
/// dropped), and each file is read incrementally (`StreamCursor`, no descriptor held between polls).
/// Finished runs (end record `completed` or `diverged`) are not read again. One inotify descriptor on the folder wakes the
/// caller (`readinessDescriptor`); `pollInterval` remains the safety net (e.g. network file systems).
public final class RunsDirectorySource {
    public let directory: String
    /// Bytes read per file per `poll` (a big backlog arrives over several polls, so rows fill evenly).
    public var bytesPerFilePerPoll = 1 << 20
    /// Bytes read per `poll` over all files: a big folder fills over several polls (the caller draws
    /// in between), continuing with the file after the last one read.
    public var bytesPerPoll = 8 << 20
    /// Seconds between full passes (list the folder, read every unfinished file) while inotify names
    /// the files that changed: in between, a poll reads only the files its events named, so 100 live
    /// writers cost one small read per append instead of 100 (docs/runs-table.md, "Live writers").
    public var fullScanInterval = 0.5
    private var lastFullScan = -Double.infinity
    /// The last poll stopped with more to read: the next one is a full pass that continues it.
    private var backlog = false
    private var resumeAfter: String?
    private var cursors: [String: StreamCursor] = [:]
    private var finished: Set<String> = []
    private let watchDescriptor: Int32
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)

    public init(directory: String) {
        self.directory = directory
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        if fd >= 0 {
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE)
            if inotify_add_watch(fd, directory, mask) < 0 {
                close(fd)
                watchDescriptor = -1
            } else {
                watchDescriptor = fd
            }
        } else {
            watchDescriptor = -1
        }
    }

    deinit {
        if watchDescriptor >= 0 { close(watchDescriptor) }
        buffer.deallocate()
    }

    /// Readable when something in the folder changed; nil without inotify (poll on a timer then).
    public var readinessDescriptor: Int32? { watchDescriptor >= 0 ? watchDescriptor : nil }

    /// Stream files in the folder, sorted (hidden files skipped).
    public static func streamFiles(in directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".ndjson") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    /// Looks at the folder and reads what is new into `table`. Returns whether anything changed and
    /// whether some file has more to read right now (call again soon).
    @discardableResult
    public func poll(into table: inout RunsTable, now: Double) -> (changed: Bool, more: Bool) {
        let events = drainWatch()
        if let events, !events.needsListing, !backlog, now - lastFullScan < fullScanInterval {
            // Only appends since the last look: read just the files named (no listing, no other opens).
            let paths = events.modified.sorted().map { join(directory, $0) }
                .filter { cursors[$0] != nil && !finished.contains($0) }
            let result = readAppended(paths, into: &table, now: now)
            backlog = result.more
            return result
        }
        lastFullScan = now
        var changed = false
        let names = Self.streamFiles(in: directory) ?? []
        let present = Set(names.map { join(directory, $0) })
        for name in names {
            let path = join(directory, name)
            if table.trackers[path] == nil || table.trackers[path]!.isDeleted {
                table.add(id: path, name: String(name.dropLast(".ndjson".count)), now: now)
                cursors[path] = StreamCursor(path: path)
                finished.remove(path)
                changed = true
            }
        }
        for (path, tracker) in table.trackers where !tracker.isDeleted && !present.contains(path) {
            table.markDeleted(path)
            cursors[path] = nil
            changed = true
        }
        var order = cursors.keys.filter { !finished.contains($0) }.sorted()
        if let resumeAfter, let index = order.firstIndex(where: { $0 > resumeAfter }) {
            order = Array(order[index...] + order[..<index])
        }
        resumeAfter = nil
        let result = readAppended(order, into: &table, now: now)
        backlog = result.more
        return (changed || result.changed, result.more)
    }

    /// Reads what was appended to `paths`, in order, within the per-poll budgets.
    private func readAppended(_ paths: [String], into table: inout RunsTable, now: Double) -> (
        changed: Bool, more: Bool
    ) {
        var changed = false
        var more = false
        var spent = 0
        for path in paths {
            if spent >= bytesPerPoll {
                more = true
                break
            }
            resumeAfter = path
            var records: [Record] = []
            let budget = min(bytesPerFilePerPoll, bytesPerPoll - spent)
            let outcome = cursors[path]!.read(budget: budget, buffer: buffer, into: &records)
            spent += cursors[path]!.lastReadBytes
            switch outcome {
            case .read(let hasMore):
                more = more || hasMore
                if table.trackers[path]?.problem != nil { table.setProblem(nil, for: path) }
            case .missing:
                break  // the next listing marks it deleted
            case .failed(let message):
                table.setProblem(message, for: path)
                changed = true
            }
            if !records.isEmpty {
                table.ingest(records, into: path, now: now)
                changed = true
                // An interrupted run may be resumed into the same file; only a final end stops the reading.
                if let end = table.trackers[path]?.end, end.status != .interrupted { finished.insert(path) }
            }
        }
        return (changed, more)
    }

    /// Empties the inotify queue; nil without inotify.
    private func drainWatch() -> WatchEvents? {
        guard watchDescriptor >= 0 else { return nil }
        var events = WatchEvents()
        while true {
            let count = Glibc.read(watchDescriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { break }
            events.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return events
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension RunsDirectorySource {
    /// Reads every stream of a folder to its current end, at once (`report DIR`); nil when the folder
    /// cannot be listed.
    public static func readAll(directory: String, rules: PhaseRules = .paper, now: Double = 0) -> RunsTable? {
        guard streamFiles(in: directory) != nil else { return nil }
        let source = RunsDirectorySource(directory: directory)
        source.bytesPerFilePerPoll = 64 << 20
        var table = RunsTable(staleAfter: .infinity, rules: rules)
        while source.poll(into: &table, now: now).more {}
        return table
    }
}
