import Benchmarks
import Testing

/// The live-writers benchmark runs on a tiny folder and accounts for every line (its lag target lives in
/// `grokscope bench --only runs-live`, never here).
@Suite struct LiveRunsBenchmarkTests {
    @Test func everyLineIsShownWithALagMeasured() throws {
        let r = try LiveRunsBenchmark.run(writers: 3, rate: 10, seconds: 1)
        #expect(r.lags.count == 30 && r.missing == 0)
        // Lags are frame time − due time: never before the line was due by more than the writer's jitter.
        #expect(r.lags.allSatisfy { $0 > -0.05 && $0.isFinite })
        #expect(r.lags == r.lags.sorted() && r.percentile(0.5) <= r.percentile(0.99))
        #expect(r.frames > 0 && r.tableCPU > 0)
    }
}
