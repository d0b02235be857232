import Foundation
import Snapshots
import TensorBoard

/// Follows a TensorBoard run — an event file, or a log directory — as a grokscope record source, so
/// `watch` and `report` work on what `torch.utils.tensorboard`, tensorboardX or Keras wrote.
///
/// A log directory may hold the run's event files directly or several runs as subfolders; then the run
/// named by `run`, else the most recently written one, is followed (`runs` lists them all). A run's event
/// files are read in name order (their names start with the creation time), new files included. Files
/// are opened only while being read, so a finished run holds no descriptor.
public final class TensorBoardSource: RecordSource {
    /// How deep below the log directory runs are looked for.
    public static let maxRunDepth = 4

    public let path: String
    public let follow: Bool
    public let pollInterval: Double
    /// Runs found under `path` (relative folder names; "." for the directory itself).
    public private(set) var runs: [String] = []
    /// The run being followed.
    public private(set) var selectedRun: String?
    public private(set) var status: SourceStatus
    public var droppedCount: Int { 0 }
    public var diagnostics: StreamDiagnostics {
        var d = baseDiagnostics
        let problems = framers.values.reduce(0) { $0 + $1.corruptRecords } + malformedEvents
        d.skippedLines = problems
        d.firstError = firstProblem.map { StreamDiagnostics.LineProblem(line: 0, reason: $0) }
        d.incompleteTailBytes = follow ? 0 : framers.values.reduce(0) { $0 + $1.bufferedBytes }
        d.decreasingSteps = assembler.lateValues
        return d
    }
    /// Scalars dropped because their step was already handed out (a writer that restarted its steps).
    public var lateValues: Int { assembler.lateValues }

    private let requestedRun: String?
    private var assembler: ScalarAssembler
    private var framers: [String: TFRecordFramer] = [:]
    private var offsets: [String: UInt64] = [:]
    private var malformedEvents = 0
    private var firstProblem: String?
    private var baseDiagnostics = StreamDiagnostics()
    private let watch: DirectoryWatch?
    /// At most this many bytes are read per `poll()`.
    public var maxBytesPerPoll = 16 << 20

    public init(path: String, run: String? = nil, tags: TagMap = TagMap(), follow: Bool = true, pollInterval: Double = 0.5) {
        self.path = path
        self.follow = follow
        self.pollInterval = pollInterval
        self.requestedRun = run
        let name = URL(fileURLWithPath: path).standardized.lastPathComponent
        assembler = ScalarAssembler(runName: run ?? name, tags: tags)
        status = .waitingForFile(path: path)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        watch = DirectoryWatch(directory: exists && isDirectory.boolValue ? path : (path as NSString).deletingLastPathComponent.nonEmpty ?? ".")
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

    /// Whether `path` is a TensorBoard event file or a folder with event files (at most `maxRunDepth` down).
    public static func recognizes(path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if !isDirectory.boolValue { return isEventFileName((path as NSString).lastPathComponent) }
        return !findRuns(in: path).isEmpty
    }

    public static func isEventFileName(_ name: String) -> Bool {
        name.hasPrefix("events.out.tfevents") || name.hasSuffix(".tfevents")
    }

    /// Folders under `root` that hold event files, relative to it, sorted.
    public static func findRuns(in root: String) -> [String] {
        var found: [String] = []
        func visit(_ relative: String, depth: Int) {
            let full = relative == "." ? root : root + "/" + relative
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            if entries.contains(where: isEventFileName) { found.append(relative) }
            guard depth < maxRunDepth else { return }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let child = full + "/" + entry
                if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                    visit(relative == "." ? entry : relative + "/" + entry, depth: depth + 1)
                }
            }
        }
        visit(".", depth: 0)
        return found
    }

    public func poll() -> [Record] {
        watch?.drain()
        var records: [Record] = []
        guard let files = currentFiles() else { return records }
        var budget = maxBytesPerPoll
        var exhausted = true
        for file in files {
            guard budget > 0 else {
                exhausted = false
                break
            }
            let (read, more) = readNewBytes(of: file, budget: budget, into: &records)
            budget -= read
            if more { exhausted = false }
        }
        if exhausted && !follow {
            records += assembler.finish()
            status = .endOfInput
        } else if case .waitingForFile = status {
            status = .live
        }
        baseDiagnostics.records += records.count
        return records
    }

    /// The selected run's event files in name order, or nil (status set) while there are none.
    private func currentFiles() -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if follow {
                status = .waitingForFile(path: path)
            } else {
                status = .failed("\(UntrustedText(path)): no such file or directory")
            }
            return nil
        }
        guard isDirectory.boolValue else { return [path] }
        runs = Self.findRuns(in: path)
        if selectedRun == nil {
            if let requestedRun {
                if runs.contains(requestedRun) { selectedRun = requestedRun }
            } else {
                selectedRun = runs.contains(".") ? "." : newestRun()
            }
        }
        guard let selectedRun else {
            if !follow {
                status = .failed(
                    requestedRun.map { "no run '\(UntrustedText($0))' under \(UntrustedText(path))" }
                        ?? "no TensorBoard event files under \(UntrustedText(path))")
            }
            return nil
        }
        let folder = selectedRun == "." ? path : path + "/" + selectedRun
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter(Self.isEventFileName).sorted().map { folder + "/" + $0 }
    }

    private func newestRun() -> String? {
        runs.max { modificationTime(of: $0) < modificationTime(of: $1) }
    }

    private func modificationTime(of run: String) -> Date {
        let folder = run == "." ? path : path + "/" + run
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter(Self.isEventFileName).compactMap {
            (try? FileManager.default.attributesOfItem(atPath: folder + "/" + $0))?[.modificationDate] as? Date
        }.max() ?? .distantPast
    }

    /// Reads up to `budget` new bytes of one file; returns the bytes read and whether more remain.
    private func readNewBytes(of file: String, budget: Int, into records: inout [Record]) -> (Int, Bool) {
        guard let handle = FileHandle(forReadingAtPath: file) else { return (0, false) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        var offset = offsets[file] ?? 0
        if size < offset {  // truncated: start over (a rewritten file is a new run's data)
            offset = 0
            framers[file] = TFRecordFramer()
        }
        let wanted = Int(min(UInt64(budget), size - offset))
        guard wanted > 0 else { return (0, false) }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: wanted) else {
            return (0, false)
        }
        offsets[file] = offset + UInt64(data.count)
        var framer = framers[file] ?? TFRecordFramer()
        let payloads = framer.feed(data)
        if firstProblem == nil, let problem = framer.firstProblem {
            firstProblem = "\((file as NSString).lastPathComponent): \(problem)"
        }
        framers[file] = framer
        for payload in payloads {
            do {
                records += assembler.ingest(try TensorBoardEvent(payload: payload))
            } catch {
                malformedEvents += 1
                if firstProblem == nil { firstProblem = "\((file as NSString).lastPathComponent): malformed event (\(error))" }
            }
        }
        return (data.count, offset + UInt64(data.count) < size)
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

extension TensorBoardSource {
    /// Reads a whole TensorBoard run (for `report` and `replay`): records and what went wrong.
    public static func readAll(path: String, run: String? = nil, tags: TagMap = TagMap()) throws(TensorBoardReadError)
        -> (records: [Record], diagnostics: StreamDiagnostics, runs: [String])
    {
        let source = TensorBoardSource(path: path, run: run, tags: tags, follow: false)
        var records: [Record] = []
        while true {
            let batch = source.poll()
            records += batch
            if case .failed(let message) = source.status {
                throw TensorBoardReadError(description: message)
            }
            if source.status == .endOfInput { break }
        }
        return (records, source.diagnostics, source.runs)
    }
}

/// A TensorBoard path that cannot be read (missing, no event files, unknown run); already sanitized.
public struct TensorBoardReadError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
