import Foundation
import Snapshots

/// The in-process link from the training loop (producer) to the monitor (consumer).
///
/// `send` never blocks beyond a short lock: a consumer that keeps up sees every record; one that falls
/// behind finds at most `evaluationCapacity` evaluations waiting — the oldest are dropped (and counted),
/// the latest kept. Headers and end records are never dropped; events only beyond `eventCapacity`.
/// The consumer waits with `wait(timeout:)` or polls `readinessDescriptor` (a self-pipe, readable while
/// records are pending) together with its keyboard.
/// `@unchecked Sendable`: the producer side is guarded by a lock; the consumer side (`poll`, `status`)
/// belongs to one consumer thread.
public final class RecordChannel: RecordSink, RecordSource, @unchecked Sendable {
    public let evaluationCapacity: Int
    public let eventCapacity: Int

    private let condition = NSCondition()
    private let wakeup = WakeupPipe()
    // Guarded by `condition`.
    private var evaluations: EvaluationRing
    private var others: [(sequence: UInt64, record: Record)] = []
    private var pendingEvents = 0
    private var sequence: UInt64 = 0
    private var droppedSinceDrain = 0
    private var droppedTotal = 0
    private var waiters = 0
    private var pipeSignaled = false
    private var closed = false
    // Consumer-side state (only touched by the consumer).
    private var consumerStatus = SourceStatus.live
    private var consumerDiagnostics = StreamDiagnostics()

    public init(evaluationCapacity: Int = 4096, eventCapacity: Int = 1024) {
        self.evaluationCapacity = max(1, evaluationCapacity)
        self.eventCapacity = max(1, eventCapacity)
        evaluations = EvaluationRing(capacity: self.evaluationCapacity)
    }

    // MARK: - Producer

    /// Queues a record for the consumer. Never blocks on the consumer.
    public func send(_ record: Record) {
        condition.lock()
        sequence &+= 1
        if case .evaluation = record {
            if evaluations.push(record, sequence: sequence) {
                droppedSinceDrain += 1
                droppedTotal += 1
            }
        } else {
            others.append((sequence, record))
            if isDroppableEvent(record) { pendingEvents += 1 }
            if pendingEvents > eventCapacity, let oldest = others.firstIndex(where: { isDroppableEvent($0.record) }) {
                others.remove(at: oldest)  // O(pending), but only for a producer flooding events
                pendingEvents -= 1
                droppedSinceDrain += 1
                droppedTotal += 1
            }
        }
        let needsSignal = !pipeSignaled
        pipeSignaled = true
        if waiters > 0 { condition.signal() }
        condition.unlock()
        if needsSignal { wakeup?.signal() }  // one syscall per drain cycle, none while nobody reads
    }

    public func write(_ record: Record) { send(record) }
    public func flush() {}

    /// The producer is gone: wakes the consumer; pending records can still be drained.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        let needsSignal = !pipeSignaled
        pipeSignaled = true
        condition.unlock()
        if needsSignal { wakeup?.signal() }
    }

    private func isDroppableEvent(_ record: Record) -> Bool {
        if case .event = record { return true }
        return false
    }

    // MARK: - Consumer

    /// Everything pending, in send order, and how many evaluations were dropped since the last drain.
    public func drain() -> (records: [Record], dropped: Int) {
        condition.lock()
        let ring = evaluations.takeAll()
        let rest = others
        others.removeAll(keepingCapacity: true)
        pendingEvents = 0
        let dropped = droppedSinceDrain
        droppedSinceDrain = 0
        pipeSignaled = false
        wakeup?.clear()
        condition.unlock()
        return (merge(ring, rest), dropped)
    }

    /// Total evaluations dropped so far.
    public var droppedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return droppedTotal
    }

    public var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    @discardableResult public func wait(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        condition.lock()
        defer { condition.unlock() }
        waiters += 1
        defer { waiters -= 1 }
        while evaluations.count == 0 && others.isEmpty && !closed {
            if !condition.wait(until: deadline) { break }
        }
        return evaluations.count > 0 || !others.isEmpty
    }

    public var readinessDescriptor: Int32? { wakeup?.readDescriptor }

    public func poll() -> [Record] {
        let (records, _) = drain()
        consumerDiagnostics.records += records.count
        for record in records {
            if case .end(let end) = record { consumerStatus = .ended(end.status) }
            if case .header = record { consumerStatus = .live }
        }
        if records.isEmpty, isClosed, case .live = consumerStatus { consumerStatus = .endOfInput }
        return records
    }

    public var status: SourceStatus { consumerStatus }
    public var diagnostics: StreamDiagnostics { consumerDiagnostics }

    private func merge(_ a: [(sequence: UInt64, record: Record)], _ b: [(sequence: UInt64, record: Record)]) -> [Record]
    {
        var out: [Record] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].sequence < b[j].sequence) {
                out.append(a[i].record)
                i += 1
            } else {
                out.append(b[j].record)
                j += 1
            }
        }
        return out
    }
}

/// Fixed-capacity FIFO of evaluations that overwrites its oldest entry when full.
struct EvaluationRing {
    private var storage: [(sequence: UInt64, record: Record)?]
    private var head = 0
    private(set) var count = 0

    init(capacity: Int) { storage = Array(repeating: nil, count: capacity) }

    /// Appends; true when the oldest entry had to be dropped to make room.
    mutating func push(_ record: Record, sequence: UInt64) -> Bool {
        if count == storage.count {
            storage[head] = (sequence, record)
            head = (head + 1) % storage.count
            return true
        }
        storage[(head + count) % storage.count] = (sequence, record)
        count += 1
        return false
    }

    mutating func takeAll() -> [(sequence: UInt64, record: Record)] {
        var out: [(sequence: UInt64, record: Record)] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            let index = (head + k) % storage.count
            out.append(storage[index]!)
            storage[index] = nil
        }
        head = 0
        count = 0
        return out
    }
}
