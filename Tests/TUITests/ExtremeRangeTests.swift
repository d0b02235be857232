import TUI
import Testing
import TextFormat

/// Issue 11 §2/§4: ranges near ±1.8e308 give a few distinct ticks (100 equal ones before).
@Test func ticksOfAnExtremeRangeAreFewAndDistinct() {
    let ticks = NiceTicks.linear(-1.7e308...1.7e308, count: 5)
    #expect((2...6).contains(ticks.count), "\(ticks)")
    #expect(Set(ticks).count == ticks.count)
    #expect(ticks.allSatisfy { $0.isFinite })
    #expect(NiceTicks.linear(0...10, count: 3) == [0, 5, 10])
}
