#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The idle-free main loop (ttyplot style): sleeps in poll(2) until a key arrives on the input fd,
/// data arrives on an optional extra fd, a signal interrupts, or the heartbeat expires — never
/// spins. Redraws only when the caller says something changed, at most `maxFramesPerSecond`, and —
/// with `maxBytesPerSecond` — no sooner than the last frame's output allows within that budget
/// (a run whose charts change everywhere then gets fewer frames instead of flooding the terminal).
public final class FrameLoop {
    /// Why the loop woke up.
    public enum Wake: Equatable, Sendable {
        case input  // the terminal has bytes (keys, resize)
        case data  // the extra fd is readable
        case signal  // poll was interrupted (SIGWINCH, SIGTERM, …): check your flags
        case heartbeat  // nothing happened for `heartbeat` seconds (refresh clocks, stale marks)
    }

    /// What the caller wants after handling a wake.
    public enum Directive: Equatable, Sendable {
        case idle  // nothing visible changed
        case redraw  // render a frame when the frame budget allows
        case stop
    }

    public let inputFD: Int32
    /// The source's descriptor; the owner sets it to nil once the source has ended (a closed pipe stays
    /// readable forever and would wake the loop without pause).
    public var dataFD: Int32?
    /// Readable after a signal was handled (a self-pipe): wakes the loop as `.signal`, whichever thread
    /// the signal was delivered to. Drained by the loop.
    public let wakeFD: Int32?
    public let minimumFrameInterval: Double
    public let heartbeat: Double
    /// Output budget in bytes per second (nil = frames are limited by `maxFramesPerSecond` only).
    public let maxBytesPerSecond: Double?

    public init(
        inputFD: Int32 = 0, dataFD: Int32? = nil, maxFramesPerSecond: Double = 10, heartbeat: Double = 1,
        maxBytesPerSecond: Double? = nil, wakeFD: Int32? = nil
    ) {
        self.inputFD = inputFD
        self.dataFD = dataFD
        self.wakeFD = wakeFD
        self.minimumFrameInterval = 1 / max(0.1, maxFramesPerSecond)
        self.heartbeat = max(0.01, heartbeat)
        self.maxBytesPerSecond = maxBytesPerSecond.map { max(1, $0) }
    }

    /// Seconds from the start of a frame that wrote `bytes` to the earliest next frame.
    public func interval(afterFrameOf bytes: Int) -> Double {
        guard let maxBytesPerSecond else { return minimumFrameInterval }
        return max(minimumFrameInterval, Double(bytes) / maxBytesPerSecond)
    }

    /// Runs until `handle` returns `.stop`. `render` is called only when a redraw is due.
    public func run(handle: (Wake) -> Directive, render: () -> Void) {
        run(
            handle: handle,
            renderCountingBytes: {
                render(); return 0
            })
    }

    /// Like `run(handle:render:)`; `render` returns the bytes the frame wrote, which (with
    /// `maxBytesPerSecond`) delay the next frame.
    public func run(handle: (Wake) -> Directive, renderCountingBytes render: () -> Int) {
        var dirty = true
        var lastFrame = -Double.infinity
        var pacedInterval = minimumFrameInterval
        var answersKey = false  // a key or resize asked for this frame: don't make the user wait on the budget
        while true {
            let now = Self.monotonicSeconds()
            let interval = answersKey ? minimumFrameInterval : pacedInterval
            if dirty && now - lastFrame >= interval {
                pacedInterval = self.interval(afterFrameOf: render())
                lastFrame = now
                dirty = false
                answersKey = false
                continue  // re-read the clock: rendering took time
            }
            let timeout = dirty ? max(0, lastFrame + interval - now) : heartbeat
            let wakes = wait(timeoutSeconds: timeout)
            for wake in wakes {
                switch handle(wake) {
                case .stop: return
                case .redraw:
                    dirty = true
                    if wake == .input || wake == .signal { answersKey = true }
                case .idle: break
                }
            }
        }
    }

    /// One poll: the reasons for waking ([] when a frame deadline, not the heartbeat, expired).
    public func wait(timeoutSeconds: Double) -> [Wake] {
        var fds = [pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)]
        if let dataFD { fds.append(pollfd(fd: dataFD, events: Int16(POLLIN), revents: 0)) }
        let wakeIndex = fds.count
        if let wakeFD { fds.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
        let ms = Int32(min(Double(Int32.max), (timeoutSeconds * 1000).rounded(.up)))
        let result = poll(&fds, nfds_t(fds.count), ms)
        if result < 0 { return errno == EINTR ? [.signal] : [.heartbeat] }
        if result == 0 { return timeoutSeconds >= heartbeat ? [.heartbeat] : [] }
        var wakes: [Wake] = []
        let readable = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)
        if fds[0].revents & readable != 0 { wakes.append(.input) }
        if dataFD != nil, fds[1].revents & readable != 0 { wakes.append(.data) }
        if let wakeFD, fds[wakeIndex].revents & readable != 0 {
            // Drain without blocking, whatever the descriptor's flags: read only while poll says so.
            var sink = [UInt8](repeating: 0, count: 64)
            var entry = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
            repeat {
                if read(wakeFD, &sink, sink.count) <= 0 { break }
                entry.revents = 0
            } while poll(&entry, 1, 0) > 0 && entry.revents & Int16(POLLIN) != 0
            wakes.append(.signal)
        }
        return wakes.isEmpty ? [.heartbeat] : wakes
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
