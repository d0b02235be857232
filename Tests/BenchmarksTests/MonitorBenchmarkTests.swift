import Benchmarks
import Foundation
import Monitor
import Testing

/// The benchmark itself is run by `grokscope bench`; here it runs small (no timing assertions), and
/// at full size only when `GROKSCOPE_BENCH=1` is set, printing the numbers.
@Suite struct MonitorBenchmarkTests {
    @Test func smallRunKeepsStateBounded() {
        let result = MonitorBenchmark.ingest(records: 20_000)
        #expect(result.records == 20_000)
        #expect(result.series == 8)
        #expect(result.stateBytes < 10_000_000)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["GROKSCOPE_BENCH"] == "1"))
    func millionRecords() {
        let result = MonitorBenchmark.ingest(records: 1_000_000)
        print(result)
        #expect(result.stateBytes < 100_000_000)
    }
}
