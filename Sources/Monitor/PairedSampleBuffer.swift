import Phases
import Snapshots

/// The bounded (step, test loss, LMN, L2) list behind the live scatter of the compression window.
///
/// Samples before the confirmed t_mem and from the confirmed t_gen on can never be in the window, so
/// they are dropped whenever the buffer fills; if it is still full, every other sample goes and only
/// every `stride`-th new one is kept (the same thinning on every replay of the same records).
struct PairedSampleBuffer: Sendable, Equatable {
    let capacity: Int
    private(set) var samples: [PairedSample] = []
    /// Arrival number of each kept sample: thinning keeps multiples of the stride, so spacing stays even.
    private var arrivalNumbers: [Int] = []
    /// Keep one of every `stride` arriving samples.
    private(set) var stride = 1
    private var arrivals = 0
    /// Confirmed t_gen seen at the last compaction: later samples are not kept.
    private(set) var closedAt: Int?

    init(capacity: Int = 2048) { self.capacity = max(4, capacity) }

    /// Whether `compact(window:)` must run before the next sample.
    var isOverCapacity: Bool { samples.count > capacity }

    /// Adds the evaluation's sample, if it has one and the thinning keeps it.
    mutating func add(_ evaluation: Evaluation) {
        guard let sample = PairedSample(evaluation), closedAt.map({ sample.step < $0 }) ?? true else { return }
        arrivals += 1
        if arrivals % stride == 0 {
            samples.append(sample)
            arrivalNumbers.append(arrivals)
        }
    }

    /// Drops samples outside the window (if known), then thins by two while still over capacity.
    mutating func compact(window: (start: Int, end: Int?)?) {
        if let window {
            closedAt = window.end
            let outside = { (s: PairedSample) in s.step < window.start || window.end.map { s.step >= $0 } ?? false }
            keep { sample, _ in !outside(sample) }
        }
        while samples.count > capacity {
            stride *= 2
            let newStride = stride
            keep { _, number in number % newStride == 0 }
        }
    }

    private mutating func keep(_ predicate: (PairedSample, Int) -> Bool) {
        let kept = zip(samples, arrivalNumbers).filter { predicate($0, $1) }
        samples = kept.map(\.0)
        arrivalNumbers = kept.map(\.1)
    }
}
