import Benchmarks
import Foundation
import Testing

/// The channel benchmark's entry points run (full size and printed with GROKSCOPE_BENCH=1).
@Suite struct ChannelBenchmarkTests {
    @Test func benchmarkEntryPointsRun() {
        let full = ProcessInfo.processInfo.environment["GROKSCOPE_BENCH"] != nil
        let costs = (0..<(full ? 5 : 1)).map { _ in ChannelBenchmark.sendCost(count: full ? 2_000_000 : 10_000) }
        let read = ChannelBenchmark.readFile(records: full ? 1_000_000 : 1000)
        #expect(costs.allSatisfy { $0 > 0 } && read > 0)
        if full {
            print("BENCH channel send: median \(costs.sorted()[costs.count / 2]) ns of \(costs)")
            print(
                "BENCH StreamFile.readAll 1M records: \(read) s; peak RSS \(StreamBenchmark.peakResidentKiB() ?? -1) KiB"
            )
        }
    }
}
