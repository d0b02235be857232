import Monitor
import Phases
import Snapshots
import Testing

/// The monitor's paired samples behind the scatter: window, pause, bounded memory.
@Suite struct ScatterSamplesTests {
    /// Evaluations every 10 steps with LMN on every other one; t_mem at `memorizeAt`.
    private func run(count: Int, memorizeAt: Int, generalizeAt: Int = .max) -> [Record] {
        (0..<count).map { i in
            let step = i * 10
            var m: [String: Double] = [
                MetricName.trainAccuracy: step >= memorizeAt ? 1 : 0.5,
                MetricName.testAccuracy: step >= generalizeAt ? 1 : 0.1,
                MetricName.testLoss: 5 - Double(i) / 1000, MetricName.l2: 40 - Double(i) / 100,
            ]
            if i % 2 == 0 { m[MetricName.lmn] = 20 - Double(i) / 500 }
            return eval(step, m)
        }
    }

    @Test func scatterFollowsTheWindowAndTheToggle() throws {
        var state = MonitorState(clock: ManualClock(now: 0))
        state.ingest(contentsOf: [header()] + run(count: 100, memorizeAt: 200, generalizeAt: 800))
        #expect(!state.snapshot().showsScatter)
        state.apply(.toggleScatter)
        #expect(state.snapshot().showsScatter)
        let scatter = try #require(state.scatter())
        #expect(scatter.startStep == 200 && scatter.endStep == 800)
        #expect(scatter.l2.points.count == 60)
        #expect(scatter.lmn.points.count == 30)
        #expect(isExactLine(scatter.l2))
        state.apply(.toggleScatter)
        #expect(!state.snapshot().showsScatter)
    }

    @Test func pausedScatterStopsAtThePausedStep() throws {
        var state = MonitorState(clock: ManualClock(now: 0))
        let records = [header()] + run(count: 200, memorizeAt: 100)
        state.ingest(contentsOf: records.prefix(51))  // steps 0…490
        state.apply(.togglePause)
        state.ingest(contentsOf: records.dropFirst(51))
        #expect(try #require(state.scatter()).l2.points.last?.step == 490)
        state.apply(.togglePause)
        #expect(try #require(state.scatter()).l2.points.last?.step == 1990)
    }

    /// 20 000 evaluations in an open window: memory stays bounded (≤ 2 048 samples), the thinning is
    /// even, and the whole window is still covered.
    @Test func longWindowsAreThinnedNotTruncated() throws {
        var state = MonitorState(clock: ManualClock(now: 0))
        state.ingest(contentsOf: [header()] + run(count: 20_000, memorizeAt: 50_000))
        let scatter = try #require(state.scatter())
        #expect(scatter.startStep == 50_000)
        let steps = scatter.l2.points.map(\.step)
        #expect(steps.count <= 2048 && steps.count >= 1024)
        #expect(steps.first! < 50_000 + 200 && steps.last! > 199_990 - 200)
        let gaps = Set(zip(steps, steps.dropFirst()).map { $1 - $0 })
        #expect(gaps.count == 1)  // evenly spaced
    }

    /// Negative control: no window before t_mem, nothing kept from a different run after a new header.
    @Test func noScatterBeforeMemorizationOrAfterANewRun() {
        var state = MonitorState(clock: ManualClock(now: 0))
        state.ingest(contentsOf: [header()] + run(count: 10, memorizeAt: 1000))
        #expect(state.scatter() == nil)
        state.ingest(contentsOf: [header()] + run(count: 50, memorizeAt: 0))
        state.ingest(header("run-2"))
        #expect(state.scatter() == nil)
    }

    private func isExactLine(_ series: ScatterSeries) -> Bool {
        guard let score = series.linearity.fit?.score else { return false }
        return abs(score - 1) < 1e-9
    }
}
