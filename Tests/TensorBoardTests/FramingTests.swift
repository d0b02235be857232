import Testing

import TensorBoard

@Suite struct FramingTests {
    @Test func crc32cMatchesTheStandardCheckValue() {
        // The CRC-32C check value for "123456789" (RFC 3720 B.4).
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum(Array("123456788".utf8)) != 0xE306_9283)
    }

    @Test func aCleanFileSplitsIntoEveryRecord() throws {
        let bytes = try Fixture.bytes(try Fixture.eventFile(in: "torch-simple"))
        var framer = TFRecordFramer()
        let payloads = framer.feed(bytes)
        // One file_version event plus 50 steps × 5 tags, one event per add_scalar.
        #expect(payloads.count == 1 + 50 * 5)
        #expect(framer.corruptRecords == 0)
        #expect(framer.bufferedBytes == 0)
    }

    @Test func byteByByteFeedingGivesTheSameRecords() throws {
        let bytes = try Fixture.bytes(try Fixture.eventFile(in: "torch-new-style"))
        var whole = TFRecordFramer()
        let all = whole.feed(bytes)
        var trickle = TFRecordFramer()
        var pieces: [[UInt8]] = []
        for byte in bytes { pieces += trickle.feed([byte]) }
        #expect(pieces == all)
    }

    @Test func aTornLastRecordWaitsForItsRest() throws {
        let clean = try Fixture.bytes(try Fixture.eventFile(in: "torch-simple"))
        let torn = try Fixture.bytes(Fixture.path("torn.tfevents"))
        var framer = TFRecordFramer()
        let first = framer.feed(torn)
        #expect(first.count == 1 + 50 * 5 - 1)
        #expect(framer.bufferedBytes > 0)
        #expect(framer.corruptRecords == 0)
        let rest = framer.feed(clean[torn.count...])
        #expect(rest.count == 1)
        #expect(framer.bufferedBytes == 0)
    }

    @Test func aBadDataChecksumSkipsOneRecordAndCountsIt() throws {
        var framer = TFRecordFramer()
        let payloads = framer.feed(try Fixture.bytes(Fixture.path("bad-data-crc.tfevents")))
        #expect(framer.corruptRecords == 1)
        #expect(payloads.count == 1 + 50 * 5 - 1)
        #expect(framer.firstProblem?.contains("data checksum") == true)
    }

    @Test func aBadLengthChecksumResynchronizesOnTheNextRecord() throws {
        var framer = TFRecordFramer()
        let payloads = framer.feed(try Fixture.bytes(Fixture.path("bad-length-crc.tfevents")))
        #expect(framer.corruptRecords == 1)
        #expect(framer.skippedBytes > 0)
        #expect(payloads.count == 1 + 50 * 5 - 1)
        #expect(framer.firstProblem?.contains("length checksum") == true)
    }

    @Test func randomBytesYieldNothingAndNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        var framer = TFRecordFramer()
        let noise = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(framer.feed(noise).isEmpty)
        #expect(framer.corruptRecords >= 1)
    }
}
