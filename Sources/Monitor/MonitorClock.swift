#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the monitor reads "now" (seconds, any fixed origin) — for "last update 3 s ago". Injected so
/// tests drive time by hand.
public protocol MonitorClock: AnyObject {
    var now: Double { get }
}

/// Wall-clock time (Unix seconds).
public final class SystemClock: MonitorClock {
    public init() {}
    public var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A clock that moves only when told to (tests, replays driven by recorded wall times).
public final class ManualClock: MonitorClock {
    public var now: Double
    public init(now: Double = 0) { self.now = now }
    public func advance(by seconds: Double) { now += seconds }
}
