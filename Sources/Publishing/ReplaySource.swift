import Foundation
import Snapshots

/// Plays a recorded run back at a chosen pace, for talks. Records are released on the run's own clock
/// (each evaluation's `time`) divided by `speed`; a stream without usable times plays at
/// `fallbackRate` evaluations per second. Scrubbing backwards is the caller's job: it resets its state
/// and re-ingests `releasedRecords` (the monitor rebuilds 10^6 records in well under a second).
public final class ReplaySource: RecordSource, PlaybackControls {
    public var playback: PlaybackControls? { self }

    public static let speedRange: ClosedRange<Double> = 1...1000
    /// What `--duration` may ask for: slower and faster than `--speed` allows (a 3-hour run in 60 s,
    /// or a 2-second run stretched over a minute).
    public static let durationSpeedRange: ClosedRange<Double> = 0.001...1e7
    public static let fallbackRate = 50.0

    public let records: [Record]
    /// Seconds into the (unscaled) run at which each record is due.
    private let due: [Double]
    private let now: () -> Double

    /// How many records have been released.
    public private(set) var position = 0
    public private(set) var speed: Double
    public private(set) var isPlaying = true
    /// Speeds `setSpeed` accepts: `speedRange`, or `durationSpeedRange` for a `--duration` replay.
    private var allowedSpeeds = ReplaySource.speedRange
    /// Run time shown so far (unscaled seconds), and the wall time it was last advanced at.
    private var runTime = 0.0
    private var lastTick: Double
    private var pending: [Record] = []

    public init(records: [Record], speed: Double = 1, now: @escaping () -> Double = ReplaySource.monotonicNow) {
        self.records = records
        self.speed = min(max(speed, Self.speedRange.lowerBound), Self.speedRange.upperBound)
        self.now = now
        self.lastTick = now()
        self.due = Self.schedule(records)
    }

    /// Plays the whole run in `duration` seconds of wall time, whatever the recording's own clock:
    /// the speed is the run's length over `duration`.
    public convenience init(
        records: [Record], duration: Double, now: @escaping () -> Double = ReplaySource.monotonicNow
    ) {
        self.init(records: records, speed: 1, now: now)
        let length = runLength
        let wanted = length > 0 && duration > 0 ? length / duration : Self.speedRange.upperBound
        allowedSpeeds = Self.durationSpeedRange
        speed = min(max(wanted, allowedSpeeds.lowerBound), allowedSpeeds.upperBound)
    }

    /// Seconds of (unscaled) run time from the first record to the last.
    public var runLength: Double { due.last ?? 0 }

    /// Wall seconds until the last record plays at the current speed (0 at the end; while paused,
    /// what is left once resumed).
    public var playbackSecondsLeft: Double {
        guard position < records.count else { return 0 }
        return max(0, runLength - max(runTime, position > 0 ? due[position - 1] : 0)) / speed
    }

    // MARK: RecordSource

    public func poll() -> [Record] {
        advanceClock()
        while position < records.count, due[position] <= runTime { release() }
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    public var status: SourceStatus {
        if position >= records.count {
            if case .end(let end)? = records.last { return .ended(end.status) }
            return .endOfInput
        }
        return .live
    }

    public var diagnostics: StreamDiagnostics { StreamDiagnostics() }
    public var droppedCount: Int { 0 }
    /// Replay is driven by the caller's timer, not by a descriptor.
    public var readinessDescriptor: Int32? { nil }

    @discardableResult public func wait(timeout: Double) -> Bool {
        Thread.sleep(forTimeInterval: max(0, min(timeout, secondsUntilNextRecord ?? timeout)))
        return true
    }

    // MARK: Controls

    /// Seconds of wall time until the next record is due at the current speed (nil when paused or done).
    public var secondsUntilNextRecord: Double? {
        guard isPlaying, position < records.count else { return nil }
        return max(0, (due[position] - runTime) / speed)
    }

    /// Clamped to `speedRange` (`durationSpeedRange` for a replay paced by duration).
    public func setSpeed(_ newSpeed: Double) {
        advanceClock()
        speed = min(max(newSpeed, allowedSpeeds.lowerBound), allowedSpeeds.upperBound)
    }

    public func togglePlaying() {
        advanceClock()
        isPlaying.toggle()
    }

    /// Releases records up to and including the next evaluation, and pauses.
    public func stepForward() {
        isPlaying = false
        while position < records.count {
            let isEvaluation = {
                if case .evaluation = self.records[self.position] { return true } else { return false }
            }()
            release()
            if isEvaluation { break }
        }
        runTime = position > 0 ? due[position - 1] : 0
    }

    /// Moves the position so that exactly the records before `index` are released, and pauses unless
    /// `keepPlaying`. Returns the records the caller's state must now consist of.
    @discardableResult
    public func seek(toRecord index: Int, keepPlaying: Bool = false) -> ArraySlice<Record> {
        position = min(max(0, index), records.count)
        runTime = position > 0 ? due[position - 1] : 0
        lastTick = now()
        isPlaying = keepPlaying && isPlaying
        pending.removeAll()
        return records[..<position]
    }

    /// The index just past the last evaluation at or before `step` (for jumping to phase boundaries).
    public func recordIndex(afterStep step: Int) -> Int {
        var index = 0
        for (i, record) in records.enumerated() {
            if case .evaluation(let e) = record, e.step > step { break }
            index = i + 1
        }
        return index
    }

    /// One evaluation back (paused): the records the state must be rebuilt from.
    public func stepBackward() -> ArraySlice<Record> {
        var index = position - 1
        while index > 0 {
            if case .evaluation = records[index - 1] { break }
            index -= 1
        }
        return seek(toRecord: max(0, index))
    }

    public var releasedRecords: ArraySlice<Record> { records[..<position] }

    // MARK: Internals

    private func release() {
        pending.append(records[position])
        position += 1
    }

    private func advanceClock() {
        let t = now()
        if isPlaying { runTime += (t - lastTick) * speed }
        lastTick = t
    }

    /// Due times: header and events at once with their neighbours, evaluations at their (relative)
    /// time. Non-increasing or missing times fall back to a fixed evaluation rate.
    static func schedule(_ records: [Record]) -> [Double] {
        let times = records.compactMap { r -> Double? in
            if case .evaluation(let e) = r { return e.wallTime } else { return nil }
        }
        let usable =
            times.count > 1 && (times.last! - times.first!) > 0
            && zip(times, times.dropFirst()).allSatisfy { $1 >= $0 } && times.allSatisfy(\.isFinite)
        let start = times.first ?? 0
        var due: [Double] = []
        due.reserveCapacity(records.count)
        var evaluationIndex = 0
        var last = 0.0
        for record in records {
            if case .evaluation(let e) = record {
                last = usable ? e.wallTime - start : Double(evaluationIndex) / fallbackRate
                evaluationIndex += 1
            }
            due.append(last)
        }
        return due
    }

    public static func monotonicNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
