import Synchronization

/// A cooperative stop request, safe to set from any thread or a signal-handling queue. The training
/// session polls it between steps; setting it never interrupts a step half-way.
public final class StopFlag: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    public func requestStop() {
        requested.store(true, ordering: .releasing)
    }

    public var isStopRequested: Bool {
        requested.load(ordering: .acquiring)
    }
}
