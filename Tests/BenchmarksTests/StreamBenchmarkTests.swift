import Benchmarks
import Foundation
import Snapshots
import Testing

/// The benchmark entry points work (tiny sizes, no timing assertions). With GROKSCOPE_BENCH=1 they run
/// at full size and print their numbers: `GROKSCOPE_BENCH=1 swift test -c release --filter Benchmark`.
@Suite struct StreamBenchmarkTests {
    static let full = ProcessInfo.processInfo.environment["GROKSCOPE_BENCH"] != nil

    @Test func decodeAndEncodeBenchmarksRun() {
        let records = Self.full ? 1_000_000 : 1000
        var fast: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<(Self.full ? 5 : 1) {
            let times = StreamBenchmark.decodeTimes(records: records)
            fast.append(times.wall)
            cpu.append(times.cpu)
        }
        let foundation = StreamBenchmark.decode(records: Self.full ? 100_000 : 100, path: .foundationOnly)
        let rate = StreamBenchmark.encodeRate(records: Self.full ? 200_000 : 1000)
        #expect(fast.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(foundation > 0 && rate > 0)
        if Self.full {
            let median = fast.sorted()[fast.count / 2]
            print("BENCH decode \(records) records (fast path): median \(median) s of \(fast)")
            print("BENCH   CPU seconds: median \(cpu.sorted()[cpu.count / 2]) of \(cpu)")
            print("BENCH decode 100000 records (Foundation only): \(foundation) s")
            print("BENCH encode rate: \(Int(rate)) records/s")
            print(
                "BENCH peak RSS: \(StreamBenchmark.peakResidentKiB() ?? -1) KiB; MemoryLayout<Record>.size \(MemoryLayout<Record>.size)"
            )
        }
    }
}
