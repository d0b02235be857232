import Snapshots

/// Where the monitor gets records from: the in-process channel, a file being written, standard input.
/// A UI loop calls `poll()` (never blocks) whenever `readinessDescriptor` is readable or `wait` returns,
/// so it can sleep in one `poll(2)` on the keyboard and the source together.
public protocol RecordSource: AnyObject {
    /// Records that arrived since the last call. Never blocks.
    func poll() -> [Record]
    var status: SourceStatus { get }
    var diagnostics: StreamDiagnostics { get }
    /// Evaluations dropped because the consumer fell behind (always 0 for files and pipes).
    var droppedCount: Int { get }
    /// A descriptor that becomes readable when `poll()` may return something new; nil when there is
    /// none (after end of input). Only `poll()` consumes its readiness.
    var readinessDescriptor: Int32? { get }
    /// Sleeps until data may be there or `timeout` seconds pass; true if woken by data.
    @discardableResult func wait(timeout: Double) -> Bool
    /// True when the last `poll()` read everything there was (a poll that returns no records may
    /// still be in the middle of a file, e.g. inside an oversized line that is being skipped).
    var isCaughtUp: Bool { get }
    /// The replay controls when the source plays back a recording (speed, pause, step, seek); nil for
    /// live sources. The dashboard drives replays through this, never by the source's type.
    var playback: PlaybackControls? { get }
}

extension RecordSource {
    public var isCaughtUp: Bool { true }
    public var playback: PlaybackControls? { nil }
}

/// What the replay keys act on (`ReplaySource` implements it).
public protocol PlaybackControls: AnyObject {
    /// The whole recording, and how many of its records have been released so far.
    var records: [Record] { get }
    var position: Int { get }
    var speed: Double { get }
    var isPlaying: Bool { get }
    /// Seconds of playback left at the current speed.
    var playbackSecondsLeft: Double { get }
    func setSpeed(_ newSpeed: Double)
    func togglePlaying()
    func stepForward()
    /// Moves to record `index`; returns the records released up to it (the monitor rebuilds from them).
    func seek(toRecord index: Int, keepPlaying: Bool) -> ArraySlice<Record>
    func recordIndex(afterStep step: Int) -> Int
    func stepBackward() -> ArraySlice<Record>
}

/// What a source is doing, for the status bar.
public enum SourceStatus: Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist yet.
    case waitingForFile(path: String)
    /// Connected; records may come.
    case live
    /// The stream's end record arrived.
    case ended(EndStatus)
    /// The input closed without an end record (pipe closed, whole file read, producer gone).
    case endOfInput
    /// The source cannot go on (e.g. unreadable file); the message says why and what to do.
    case failed(String)

    public var description: String {
        switch self {
        case .waitingForFile(let path): return "waiting for \(UntrustedText(path))"
        case .live: return "live"
        case .ended(let status): return "ended (\(status.rawValue))"
        case .endOfInput: return "end of input"
        case .failed(let message): return "error: \(message)"
        }
    }
}

/// Why a file source started reading its file again from the beginning.
public enum RestartReason: String, Sendable, Equatable {
    /// The file became shorter than what was already read.
    case truncated
    /// The path now names another file (log rotation, or the writer recreated it).
    case replaced
}
