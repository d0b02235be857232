import Testing
import Engine

@Test func EngineTargetBuilds() { #expect(Bool(true)) }
