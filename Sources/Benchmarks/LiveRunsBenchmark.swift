import Foundation
import Runs
import RunsView
import TUI

#if canImport(Glibc)
    import Glibc
#endif

/// Many live writers, one runs table (docs/runs-table.md, "Live writers"): `writers` streams in a temp
/// folder each get an evaluation every 1/`rate` s on a known schedule (writer i's r-th line is due at
/// t0 + r/rate + i/(writers·rate), so writes are spread evenly), while `watch DIR`'s own loop
/// (`RunsBrowser.run`: inotify, the frame loop, rows rebuilt and drawn at 200×60) follows the folder
/// into an in-memory backend. At every frame drawn, each run's newest step on screen marks its lines
/// up to that step as shown; lag = frame time − due time (so a late writer counts against the table).
public enum LiveRunsBenchmark {
    public struct Result: Sendable {
        public var writers: Int
        public var rate: Double
        public var seconds: Double
        /// Seconds from a line's due time to the first frame showing it, sorted; lines never shown count
        /// as missing, not as lags.
        public var lags: [Double]
        public var missing: Int
        public var frames: Int
        /// CPU seconds of the table's thread, and of the writer thread.
        public var tableCPU: Double
        public var writerCPU: Double
        /// The most a write started after its due time (a busy machine delays the writer too).
        public var writerLateMax: Double

        public func percentile(_ p: Double) -> Double {
            guard !lags.isEmpty else { return .nan }
            return lags[min(lags.count - 1, Int((p * Double(lags.count - 1)).rounded()))]
        }
        /// The table thread's CPU as a share of one core over the writing time.
        public var tableCPUShare: Double { tableCPU / seconds }
    }

    final class WriterReport: @unchecked Sendable {
        let lock = NSLock()
        var lateMax = 0.0
        var cpu = 0.0
        var done = false
    }

    /// A backend that draws nowhere and calls back on every frame.
    final class ProbeBackend: TerminalBackend {
        let size = TerminalSize(width: 200, height: 60)
        let colorDepth = ColorDepth.ansi256
        let onFrame: () -> Void
        init(onFrame: @escaping () -> Void) { self.onFrame = onFrame }
        func draw(_ grid: CellGrid) { onFrame() }
        func readKey(timeoutMilliseconds: Int) -> KeyPress? { nil }
        func restore() {}
        func invalidate() {}
    }

    public static func run(writers: Int = 100, rate: Double = 10, seconds: Double = 10) throws -> Result {
        let directory = NSTemporaryDirectory() + "grokscope-live-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rounds = max(1, Int(seconds * rate))
        var fds: [Int32] = []
        var paths: [String] = []
        for i in 0..<writers {
            let path = directory + "/" + String(format: "run%03d.ndjson", i)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw BenchmarkError("cannot create \(path)") }
            let header =
                #"{"type":"header","format":"grokscope/1","run_id":"r\#(i)","name":"r\#(i)","task":"add mod 31","total_steps":\#(rounds * 10),"start_time":0.0,"producer":"bench"}"#
                + "\n"
            _ = header.withCString { write(fd, $0, strlen($0)) }
            fds.append(fd)
            paths.append(path)
        }
        defer { fds.forEach { close($0) } }
        let browser = RunsBrowser(
            source: RunsDirectorySource(directory: directory), table: RunsTable(staleAfter: 30), title: directory)
        // The due time of writer i's line r (its step is 10·(r+1)).
        let t0 = monotonicSeconds() + 0.5
        let spacing = 1 / (Double(writers) * rate)
        let due: @Sendable (Int, Int) -> Double = { i, r in t0 + Double(r) / rate + Double(i) * spacing }
        let report = WriterReport()
        let writerFDs = fds
        let writer = Thread {
            let cpuStart = threadCPUSeconds()
            var late = 0.0
            for r in 0..<rounds {
                for i in 0..<writers {
                    let when = due(i, r)
                    let wait = when - monotonicSeconds()
                    if wait > 0 { usleep(UInt32(wait * 1e6)) }
                    late = max(late, monotonicSeconds() - when)
                    let step = 10 * (r + 1)
                    let line =
                        #"{"type":"eval","step":\#(step),"time":\#(Double(r) / rate),"train_loss":0.5,"test_loss":2.0,"train_acc":0.5,"test_acc":0.1,"l2":30.0,"lmn":\#(10 - Double(r) / Double(rounds))}"#
                        + "\n"
                    _ = line.withCString { write(writerFDs[i], $0, strlen($0)) }
                }
            }
            let cpu = threadCPUSeconds() - cpuStart
            report.lock.withLock {
                report.lateMax = late
                report.cpu = cpu
                report.done = true
            }
        }
        writer.start()

        // What each run shows: the rounds already counted as shown (a step s covers rounds < s/10).
        var shownRounds = [Int](repeating: 0, count: writers)
        var lags: [Double] = []
        lags.reserveCapacity(writers * rounds)
        var frames = 0
        let backend = ProbeBackend {
            frames += 1
            let now = monotonicSeconds()
            for i in 0..<writers {
                guard let step = browser.table.trackers[paths[i]]?.lastEvaluation?.step else { continue }
                let upTo = min(rounds, step / 10)
                while shownRounds[i] < upTo {
                    lags.append(now - due(i, shownRounds[i]))
                    shownRounds[i] += 1
                }
            }
        }
        var keys: [Int32] = [-1, -1]
        guard pipe(&keys) == 0 else { throw BenchmarkError("pipe failed") }
        defer { keys.forEach { close($0) } }
        let cpuStart = threadCPUSeconds()
        var writingEnded: Double?
        _ = browser.run(
            backend: backend, inputFD: keys[0], theme: .builtinDefault, glyphs: .braille,
            shouldStop: {
                let now = monotonicSeconds()
                if writingEnded == nil, report.lock.withLock({ report.done }) { writingEnded = now }
                // After the last line: until every line is shown, or 5 s more.
                guard let ended = writingEnded else { return false }
                return shownRounds.allSatisfy { $0 == rounds } || now - ended > 5
            })
        let tableCPU = threadCPUSeconds() - cpuStart
        let (lateMax, writerCPU) = report.lock.withLock { (report.lateMax, report.cpu) }
        return Result(
            writers: writers, rate: rate, seconds: Double(rounds) / rate, lags: lags.sorted(),
            missing: writers * rounds - lags.count, frames: frames, tableCPU: tableCPU, writerCPU: writerCPU,
            writerLateMax: lateMax)
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
