import Testing
import Monitor

@Test func MonitorTargetBuilds() { #expect(Bool(true)) }
