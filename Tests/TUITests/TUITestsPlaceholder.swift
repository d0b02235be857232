import Testing
import TUI

@Test func TUITargetBuilds() { #expect(Bool(true)) }
