import Testing

import TensorBoard

@Suite struct EventDecodingTests {
    func events(_ folder: String) throws -> [TensorBoardEvent] {
        var framer = TFRecordFramer()
        return try framer.feed(try Fixture.bytes(try Fixture.eventFile(in: folder))).map {
            try TensorBoardEvent(payload: $0)
        }
    }

    @Test func simpleValuesCarryTagStepAndFloatValue() throws {
        let all = try events("torch-simple")
        #expect(all.first?.fileVersion == "brain.Event:2")
        let accuracy = all.filter { $0.scalars.first?.tag == "Accuracy/train" }
        #expect(accuracy.count == 50)
        for event in accuracy {
            let expected = Double(Float(Fixture.trainAccuracy(event.step)))
            #expect(event.scalars[0].value == expected)
        }
        #expect(all.allSatisfy { $0.wallTime.map { $0 > 1e9 } ?? false })
    }

    @Test func newStyleTensorScalarsDecode() throws {
        let loss = try events("torch-new-style").filter { $0.scalars.first?.tag == "val/loss" }
        #expect(loss.count == 50)
        for event in loss {
            #expect(event.scalars[0].value == Double(Float(Fixture.testLoss(event.step))))
        }
    }

    @Test func doubleTensorContentKeepsFullPrecision() throws {
        let all = try events("double-tensor").filter { !$0.scalars.isEmpty }
        #expect(all.count == 50)
        for event in all {
            let value = try #require(event.scalars.first { $0.tag == "epoch_val_loss" }).value
            #expect(abs(value - Fixture.testLoss(event.step)) <= 1e-12 * abs(value))
            // Not rounded through Float: a float32 value would differ in the low bits for most steps.
            if Double(Float(value)) != value { return }
        }
        Issue.record("every float64 value was exactly representable in Float: the test cannot tell")
    }

    @Test func halfAndBfloat16BitsDecode() {
        #expect(TensorScalar.halfBits(0x3C00, bfloat: false) == 1.0)
        #expect(TensorScalar.halfBits(0xC000, bfloat: false) == -2.0)
        #expect(TensorScalar.halfBits(0x0001, bfloat: false) == 0x1p-24)
        #expect(TensorScalar.halfBits(0x7C00, bfloat: false) == .infinity)
        #expect(TensorScalar.halfBits(0x7E00, bfloat: false).isNaN)
        #expect(TensorScalar.halfBits(0x3F80, bfloat: true) == 1.0)
    }

    @Test func truncatedOrGarbagePayloadsThrowInsteadOfReadingPastTheEnd() throws {
        let payload = try #require(try {
            var framer = TFRecordFramer()
            return framer.feed(try Fixture.bytes(try Fixture.eventFile(in: "torch-simple")))[1]
        }())
        #expect(throws: (any Error).self) { try TensorBoardEvent(payload: Array(payload.dropLast(3))) }
        #expect(throws: (any Error).self) { try TensorBoardEvent(payload: [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) }
        #expect(throws: (any Error).self) { try TensorBoardEvent(payload: [0x0B]) }  // a group
        #expect((try? TensorBoardEvent(payload: payload)) != nil)
    }
}
