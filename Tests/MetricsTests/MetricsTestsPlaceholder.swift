import Testing
import Metrics

@Test func MetricsTargetBuilds() { #expect(Bool(true)) }
