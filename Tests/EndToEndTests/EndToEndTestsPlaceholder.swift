import Testing


@Test func EndToEndTargetBuilds() { #expect(Bool(true)) }
