import Monitor
import Testing

/// Issue 11 §2: steps 2^54 apart mapped onto 1 000 columns overflowed Int (SIGILL in watch/replay).
@Test func chartColumnsOfStepsFarApartDoNotOverflow() {
    var history = SeriesHistory(recentCapacity: 64, bucketCapacity: 64)
    history.append(step: -(1 << 53), value: 1)
    history.append(step: 0, value: 2)
    history.append(step: 1 << 53, value: 3)
    let points = history.points(in: -(1 << 53)...(1 << 53), columns: 1_000)
    #expect(points.count == 3)
    #expect(points.map(\.column) == [0, 500, 999])
    #expect(points.first?.last == 1 && points.last?.last == 3)
    let near = history.points(in: -1...1, columns: 4)
    #expect(near.map(\.last) == [2])
}
