import Snapshots

/// Turns TensorBoard events (one scalar per tag and step, in any tag order) into grokscope records: a
/// synthesized header, then one evaluation per step with every series logged at that step.
///
/// A step is complete once a later step appears (writers log all tags of step s before s+1), so the
/// newest step is held back until then or until `finish()`. A value for a step already handed out is
/// dropped and counted in `lateValues`; a step that goes backwards therefore never reorders the series.
public struct ScalarAssembler: Sendable {
    /// Series names longer than this are cut (a tag is untrusted text).
    public static let maxSeriesNameLength = 120

    public let runName: String
    public let tags: TagMap
    public private(set) var lateValues = 0
    public private(set) var eventsRead = 0
    private var startTime: Double?
    private var headerSent = false
    private var lastEmittedStep: Int?
    /// Step → (wall time, series → value), for steps not yet handed out.
    private var pending: [Int: (wallTime: Double, metrics: [String: Double])] = [:]

    public init(runName: String, tags: TagMap = TagMap()) {
        self.runName = runName
        self.tags = tags
    }

    /// Feeds one decoded event; returns the records it completes (the header with the first event).
    public mutating func ingest(_ event: TensorBoardEvent) -> [Record] {
        eventsRead += 1
        var out: [Record] = []
        if let wallTime = event.wallTime, startTime == nil, wallTime.isFinite { startTime = wallTime }
        if !headerSent, startTime != nil || !event.scalars.isEmpty {
            headerSent = true
            out.append(.header(header()))
        }
        guard !event.scalars.isEmpty else { return out }
        if let lastEmittedStep, event.step <= lastEmittedStep {
            lateValues += event.scalars.count
            return out
        }
        let seconds = (event.wallTime ?? startTime ?? 0) - (startTime ?? 0)
        var entry = pending[event.step] ?? (seconds, [:])
        for scalar in event.scalars {
            let target = tags.target(for: scalar.tag)
            entry.metrics[Self.seriesName(target.series)] = scalar.value * target.scale
        }
        pending[event.step] = entry
        // Everything before the newest step is complete.
        let newest = pending.keys.max() ?? event.step
        if newest > Int.min { out += flush(upTo: newest - 1) }
        return out
    }

    /// Hands out the held-back steps (end of a file that is not followed, or a writer known to be done).
    public mutating func finish() -> [Record] {
        flush(upTo: Int.max)
    }

    private mutating func flush(upTo limit: Int) -> [Record] {
        let ready = pending.keys.filter { $0 <= limit }.sorted()
        var out: [Record] = []
        for step in ready {
            guard let entry = pending.removeValue(forKey: step) else { continue }
            out.append(.evaluation(Evaluation(step: step, wallTime: entry.wallTime, metrics: entry.metrics)))
            lastEmittedStep = step
        }
        return out
    }

    private func header() -> RunHeader {
        RunHeader(
            runID: runName, name: runName, task: "TensorBoard scalars", settings: ["source": "tensorboard"],
            startTime: startTime ?? 0, producer: "TensorBoard event file")
    }

    /// Control characters become U+FFFD and the name is cut to a bounded length.
    static func seriesName(_ name: String) -> String {
        let safe = UntrustedText(name).description
        return safe.count > maxSeriesNameLength ? String(safe.prefix(maxSeriesNameLength)) : safe
    }
}
