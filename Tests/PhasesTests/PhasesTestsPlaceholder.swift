import Testing
import Phases

@Test func PhasesTargetBuilds() { #expect(Bool(true)) }
