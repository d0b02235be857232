import Testing
import Runner

@Test func RunnerTargetBuilds() { #expect(Bool(true)) }
