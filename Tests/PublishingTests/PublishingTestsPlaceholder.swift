import Testing
import Publishing

@Test func PublishingTargetBuilds() { #expect(Bool(true)) }
