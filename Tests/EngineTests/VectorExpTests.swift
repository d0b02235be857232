import Engine
import Foundation
import TestSupport
import Testing

@Suite("Fast exp")
struct VectorExpTests {
    @Test func matchesFoundationExpWithinAFewUlp() {
        var worst = 0.0
        for i in -8000...8000 {
            let x = Float(i) * 0.01  // −80 … 80
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(VectorExp.exp(x)) - exact) / exact)
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }

    @Test func saturatesInsteadOfOverflowing() {
        #expect(VectorExp.exp(200).isFinite)
        #expect(VectorExp.exp(-200) >= 0 && VectorExp.exp(-200) < 1e-37)
        let silu = Activation.silu.forward([-200, 200])
        #expect(abs(silu[0]) < 1e-30 && silu[1] == 200)
    }
}
