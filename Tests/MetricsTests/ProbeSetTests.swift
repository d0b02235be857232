import Metrics
import Testing

@Suite struct ProbeSetTests {
    @Test func sameSeedSameProbes() {
        #expect(ProbeSet(count: 128, total: 961, seed: 7) == ProbeSet(count: 128, total: 961, seed: 7))
        #expect(ProbeSet(count: 128, total: 961, seed: 7).indices != ProbeSet(count: 128, total: 961, seed: 8).indices)
    }

    @Test(arguments: [(0, 10), (1, 1), (5, 10), (128, 961), (999, 1000), (60, 576)])
    func distinctSortedInRange(count: Int, total: Int) {
        let probes = ProbeSet(count: count, total: total, seed: 42)
        #expect(probes.count == count)
        #expect(probes.indices == probes.indices.sorted())
        #expect(Set(probes.indices).count == count)
        #expect(probes.indices.allSatisfy { (0..<total).contains($0) })
    }

    @Test func countAtLeastTotalTakesAll() {
        #expect(ProbeSet(count: 200, total: 100, seed: 1).indices == Array(0..<100))
        #expect(ProbeSet(count: 100, total: 100, seed: 1).indices == Array(0..<100))
    }

    /// Pinned: the probe set is recorded as (seed, total, count), so its stream must never change.
    @Test func streamIsPinned() {
        #expect(ProbeSet(count: 5, total: 961, seed: 0).indices == [25, 102, 413, 845, 932])
    }

    @Test func everyIndexIsEquallyLikely() {
        var hits = [Int](repeating: 0, count: 10)
        for seed in UInt64(0)..<2_000 {
            for index in ProbeSet(count: 3, total: 10, seed: seed).indices { hits[index] += 1 }
        }
        // Expected 600 each; binomial sd ≈ 20.
        #expect(hits.allSatisfy { abs($0 - 600) < 100 }, "\(hits)")
    }

    @Test func gatherPicksRows() {
        let all = (0..<12).map(Double.init)  // 6 rows of width 2
        let probes = ProbeSet(count: 6, total: 6, seed: 0)
        #expect(probes.gather(all, width: 2) == all)
        let two = ProbeSet(count: 2, total: 6, seed: 3)
        #expect(two.gather(all, width: 2) == two.indices.flatMap { [Double(2 * $0), Double(2 * $0 + 1)] })
    }
}
